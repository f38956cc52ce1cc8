package dev.arena.systemtests.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.codes.ErrorCode;
import dev.arena.systemtests.harness.RawWebSocket;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** What the socket fuzzers share: sending a fuzzed payload as it says, how the services read it, the documented codes. */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The close codes of {@link CloseCode}, read from the class so that a code added there counts here. */
    static final Set<Integer> CLOSE_CODES = closeCodes();
    /** The frame limit of docs/protocol.md, for both sockets. */
    static final int MAX_FRAME_BYTES = 1024;
    /** The transport's cap on one frame (max-frame-size): above it the connection drops without a close frame. */
    static final int TRANSPORT_MAX_FRAME_BYTES = 16_384;
    /** The close a client sees when the connection ended without a close frame. */
    static final int ABNORMAL_CLOSE = 1006;

    /**
     * The closes a message above the frame limit must (text) or may (binary) get (docs/protocol.md,
     * "Bad frames and limits"): 1009; above the transport's cap, as one frame or in fragments, the
     * transport may instead end the connection without a close frame (1006).
     */
    static Set<Integer> closesForOversize(Mutator.Fuzzed fuzzed) {
        return fuzzed.bytes().length > TRANSPORT_MAX_FRAME_BYTES ? Set.of(ABNORMAL_CLOSE, CloseCode.TOO_BIG) : Set.of(CloseCode.TOO_BIG);
    }

    private Wire() {}

    /** Sends {@code fuzzed} as one text frame, one binary frame, or a text message in fragments. */
    static void send(RawWebSocket socket, Mutator.Fuzzed fuzzed, Mutator mutator) throws IOException {
        switch (fuzzed.transport()) {
            case TEXT -> socket.sendText(fuzzed.bytes());
            case BINARY -> socket.sendFrame(true, RawWebSocket.BINARY, fuzzed.bytes());
            case FRAGMENTED_TEXT -> {
                var parts = mutator.fragments(fuzzed.bytes());
                for (int i = 0; i < parts.size(); i++) {
                    socket.sendFrame(i == parts.size() - 1, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, parts.get(i));
                }
            }
        }
    }

    /**
     * The text the services see in a text message: its bytes as UTF-8, a malformed sequence turned
     * into U+FFFD as Vert.x decodes it (the services answer it like any text, they do not fail the
     * connection with 1007).
     */
    static String serverText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The size the services' 1 KB limit counts: the text's UTF-8 bytes. */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The code, marked when it is none of {@link CloseCode}'s (1006: the connection ended without a close frame). */
    static String describeClose(int code) {
        return CLOSE_CODES.contains(code) ? Integer.toString(code) : code + " (not a CloseCode)";
    }

    /** A known error code other than {@code internal} (which is a bug by its own definition). */
    /** A server message as a fuzzer read it: the JSON and its label ({@code err:<code>}, or its type). */
    record Answer(JsonNode json, String label) {}

    /**
     * Reads a message of the {@code socket} ("lobby" or "game") with its codec's {@code decode} and
     * counts its label; null after reporting a frame that is no message of that socket, or an
     * {@code err} whose code is not documented.
     */
    static Answer read(Findings findings, String socket, RawWebSocket.Message message, String after, Consumer<String> decode) {
        String text = message.text() ? message.textOrNull() : null;
        if (text == null) {
            findings.problem(socket + ": the server sent a " + (message.text() ? "text frame that is not UTF-8" : "binary frame"), after);
            return null;
        }
        try {
            decode.accept(text);
            JsonNode json = JSON.readTree(text);
            String type = json.path("t").asText();
            String label = "err".equals(type) ? "err:" + json.path("code").asText() : type;
            findings.count(socket + "-answer " + label);
            if ("err".equals(type) && !documentedError(json.path("code").asText())) {
                findings.problem(socket + ": err with code " + json.path("code") + " (a bug, or not documented)", after + " -> " + text);
            }
            return new Answer(json, label);
        } catch (Exception e) {
            findings.problem(socket + ": the server sent a frame that is no " + socket + " message", after + " -> " + text);
            return null;
        }
    }

    static boolean documentedError(String code) {
        return ErrorCode.fromWire(code).filter(known -> known != ErrorCode.INTERNAL).isPresent();
    }

    private static Set<Integer> closeCodes() {
        Set<Integer> codes = new TreeSet<>();
        Arrays.stream(CloseCode.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
                .forEach(field -> codes.add(read(field)));
        return codes;
    }

    private static int read(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
