package dev.arena.systemtests.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One HTTP exchange on its own connection, with the request's bytes exactly as given (any method,
 * header or body, well-formed or not: what an HTTP client library would refuse or repair), from a
 * chosen loopback source address. Reads the answer's head and its body (Content-Length, chunked or
 * up to the end of the connection; gzip undone).
 */
public final class RawHttp {

    /** An answer; {@code headers} with lower-case names, the body decoded from its transfer and content encodings. */
    public record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private RawHttp() {}

    /**
     * Sends {@code request} to 127.0.0.1:{@code port} from {@code source} and reads the answer, each
     * read waiting at most {@code timeout}. {@code headRequest}: the answer has no body (HEAD). A failure to write the whole
     * request (the server answered early and closed) is not an error: the answer is read anyway.
     */
    public static Response exchange(String source, int port, byte[] request, boolean headRequest, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(source), 0)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // nginx may refuse a request (413, 431) before it has read all of it
            }
            InputStream in = socket.getInputStream();
            String head = RawWebSocket.readHead(in);
            // An Expect: 100-continue is answered twice: 100 first, then the answer.
            while (head.startsWith("HTTP/1.1 100 ")) {
                head = RawWebSocket.readHead(in);
            }
            String[] lines = head.split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            String[] statusParts = lines[0].split(" ", 3);
            if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + lines[0]);
            }
            int status = Integer.parseInt(statusParts[1]);
            Response shell = new Response(lines[0], status, headers, new byte[0]);
            byte[] body;
            if (headRequest || status == 204 || status == 304 || status / 100 == 1) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(shell.header("transfer-encoding"))) {
                body = readChunked(in);
            } else if (shell.header("content-length") != null) {
                int length = Integer.parseInt(shell.header("content-length"));
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = in.readAllBytes();
            }
            if ("gzip".equalsIgnoreCase(shell.header("content-encoding")) && body.length > 0) {
                try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = gzip.readAllBytes();
                }
            }
            return new Response(lines[0], status, headers, body);
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("a chunk ended early");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection ended inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
