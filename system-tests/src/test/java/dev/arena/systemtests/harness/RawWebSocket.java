package dev.arena.systemtests.harness;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client (RFC 6455) written on a plain {@link Socket}, for sending what no proper client
 * would: text frames whose bytes are not UTF-8, binary frames, fragments, frames of any size. It
 * binds to a chosen loopback source address (Linux routes all of 127/8 to lo), so that nginx's
 * per-address limits count its upgrades apart from other clients'.
 *
 * <p>A reader thread collects the server's messages (fragments joined) and answers pings; the
 * server's close frame completes {@link #closeCode}, with 1005 for a close frame without a code and
 * 1006 for a connection that ended without one (the RFC's conventions).
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    /** The RFC's code for "closed without a close frame". */
    private static final int ABNORMAL = 1006;
    private static final int NO_STATUS = 1005;
    private static final int MAX_SERVER_MESSAGE = 1 << 20;

    /** A message from the server, stamped with {@link System#nanoTime()} on arrival. */
    public record Message(long atNanos, boolean text, byte[] payload) {

        /** The text, or null when the bytes are not UTF-8 (which a server must never send in a text message). */
        public String textOrNull() {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private boolean closeSent;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Upgrades {@code path} on 127.0.0.1:{@code port} from {@code source}, offering {@code subprotocols}
     * (the token carrier travels there). Throws an IOException with the status for any answer but 101.
     */
    public static RawWebSocket open(String name, String source, int port, String path, List<String> subprotocols,
            Duration timeout) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(source), 0);
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis());
            RawWebSocket ws = new RawWebSocket(socket);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (subprotocols.isEmpty() ? "" : "Sec-WebSocket-Protocol: " + String.join(", ", subprotocols) + "\r\n")
                    + "\r\n";
            ws.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            ws.out.flush();
            String head = readHead(ws.in);
            String[] lines = head.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int code = Integer.parseInt(status[1]);
            if (code != 101) {
                String length = headers.get("content-length");
                byte[] body = length == null ? new byte[0] : ws.in.readNBytes(Integer.parseInt(length));
                throw new IOException(name + ": upgrade refused with " + code + ": " + new String(body, StandardCharsets.UTF_8));
            }
            socket.setSoTimeout(0);
            Thread reader = new Thread(ws::readLoop, "raw-ws-" + name);
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** One text frame with these bytes as they are (not necessarily UTF-8). */
    public void sendText(byte[] payload) throws IOException {
        sendFrame(true, TEXT, payload);
    }

    public void sendText(String text) throws IOException {
        sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame, masked as a client must; {@code fin} false starts or continues a fragmented message. */
    public synchronized void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length >>> shift) & 0xFF));
            }
        }
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
        if (opcode == CLOSE) {
            closeSent = true;
        }
    }

    /** The next message within {@code within}, or null. */
    public Message poll(Duration within) throws InterruptedException {
        return messages.poll(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close code, waiting up to {@code within}; null when the socket is still open then. */
    public Integer closeCode(Duration within) throws InterruptedException {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a normal close (if the socket is still open) and drops the connection. */
    @Override
    public void close() {
        try {
            synchronized (this) {
                if (!closeSent && !closed.isDone()) {
                    sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xE8});
                }
            }
        } catch (IOException e) {
            // the server may be gone already
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
            closed.complete(ABNORMAL);
        }
    }

    private void readLoop() {
        ByteArrayOutputStream fragments = new ByteArrayOutputStream();
        boolean fragmentedText = false;
        try {
            while (true) {
                int b0 = readByte();
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                if ((b1 & 0x80) != 0) {
                    throw new IOException("the server masked a frame");
                }
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if (length > MAX_SERVER_MESSAGE) {
                    throw new IOException("the server sent a frame of " + length + " bytes");
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) {
                    throw new EOFException();
                }
                switch (opcode) {
                    case CLOSE -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : NO_STATUS;
                        closed.complete(code);
                        synchronized (this) {
                            if (!closeSent) {
                                sendFrame(true, CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                            }
                        }
                        socket.close();
                        return;
                    }
                    case PING -> sendFrame(true, PONG, payload);
                    case PONG -> { }
                    case TEXT, BINARY -> {
                        if (fin) {
                            messages.add(new Message(System.nanoTime(), opcode == TEXT, payload));
                        } else {
                            fragments.reset();
                            fragments.write(payload);
                            fragmentedText = opcode == TEXT;
                        }
                    }
                    case CONTINUATION -> {
                        fragments.write(payload);
                        if (fin) {
                            messages.add(new Message(System.nanoTime(), fragmentedText, fragments.toByteArray()));
                            fragments.reset();
                        }
                    }
                    default -> throw new IOException("the server sent opcode " + opcode);
                }
            }
        } catch (IOException e) {
            closed.complete(ABNORMAL);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Reads up to and including the blank line that ends an HTTP head. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new SocketException("the connection ended before the answer's head (" + head.size() + " bytes read)");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : b == '\r' ? 1 : 0;
            if (head.size() > 65536) {
                throw new IOException("an answer head above 64 KB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
