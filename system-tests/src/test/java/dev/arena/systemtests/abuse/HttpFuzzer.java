package dev.arena.systemtests.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.codes.ErrorCode;
import dev.arena.systemtests.harness.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Random requests to the public endpoints through nginx: methods the path takes and others,
 * mutated paths and queries, headers missing, repeated, oversized or odd, tokens valid, expired,
 * forged or absent, bodies mutated like the socket frames ({@link Mutator}), sent chunked or with a
 * wrong length. Each request goes on its own connection from the next source address, so nginx's
 * per-address limits see a few requests per address and the answers are the endpoints' own.
 *
 * <p>Every answer must be documented (docs/protocol.md, "Error codes" and "Edge limits and
 * errors"): a 2xx of the API with a JSON body, or an error status with the JSON body
 * {@code {"code","message"}} whose code is an {@link ErrorCode} of that status (the edge's 501 and
 * 505 are {@code bad_request}), and a 429 has Retry-After. A 500 ({@code internal}) is a bug by
 * definition. No answer within 10 s is a problem too.
 */
public final class HttpFuzzer {

    /** A public path, the methods it takes, the fields of a good body, and whether it is a socket's path. */
    public record Endpoint(String path, List<String> methods, List<Mutator.Field> body, boolean socket) {}

    /** An Authorization header value (null: none) and whether it is a player's valid token. */
    public record Token(String label, String authorization, boolean player) {}

    /** Above the services' own bound on a request (arena.request.deadline, then 503): an answer must come before it. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final Set<Integer> SUCCESS = Set.of(200, 201, 202);
    /** The edge's own statuses beyond ErrorCode's, both bad_request (docs/protocol.md, "Edge limits and errors"). */
    private static final Set<Integer> EDGE_BAD_REQUEST = Set.of(501, 505);
    private static final Set<Integer> ERROR_STATUSES = errorStatuses();
    private static final String[] OTHER_METHODS = {
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO", "get", "G ET", "POST\u0000"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "application/xml", "*/*", "application/json; charset=latin1", "garbage",
        "application/json;;;", "text/html; charset=\"\u00ff\""
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Findings findings;
    private final Random random;
    private final Mutator mutator;
    private final int port;
    private final Supplier<String> sources;
    private final List<Token> tokens;
    private final List<Token> notPlayers;
    private final List<Endpoint> endpoints;
    private long requests;

    public HttpFuzzer(Findings findings, long seed, int port, Supplier<String> sources, List<Token> tokens, List<Endpoint> endpoints) {
        this.findings = findings;
        this.random = new Random(seed);
        // The lobby's body limit (4 KB, arena.lobby.max-body-size): bodies are tried around it and the edge's 16 KB.
        this.mutator = new Mutator(random, 4096);
        this.port = port;
        this.sources = sources;
        this.tokens = tokens;
        this.notPlayers = tokens.stream().filter(token -> !token.player()).toList();
        this.endpoints = endpoints;
    }

    /** A request: its bytes, and its parts for a report (the token by its label). */
    private record Request(String method, String target, String version, List<String> headers, String token, byte[] body,
            String endpoint) {

        byte[] bytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes((method + " " + target + " " + version + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String header : headers) {
                bytes.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(body);
            return bytes.toByteArray();
        }

        /** The request line and headers, each cut short, the token by its label, and the start of the body. */
        String describe() {
            StringBuilder text = new StringBuilder(Mutator.preview((method + " " + target + " " + version).getBytes(StandardCharsets.UTF_8), 120));
            for (String header : headers) {
                text.append(" | ").append(header.startsWith("Authorization:") ? "Authorization: <" + token + ">"
                        : Mutator.preview(header.getBytes(StandardCharsets.UTF_8), 70));
            }
            if (body.length > 0) {
                text.append(" | body ").append(Mutator.preview(body, 80));
            }
            return text.toString();
        }
    }

    /** Sends {@code perSecond} requests a second until {@code untilNanos}. */
    public void run(long untilNanos, double perSecond) throws InterruptedException {
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        while (System.nanoTime() < untilNanos) {
            Request request = build();
            requests++;
            String source = sources.get();
            try {
                RawHttp.Response response = RawHttp.exchange(source, port, request.bytes(), "HEAD".equals(request.method()), ANSWER_WITHIN);
                check(request, response);
            } catch (IOException e) {
                findings.count("http no answer");
                findings.problem("http: no answer within " + ANSWER_WITHIN.toSeconds() + " s (" + e.getClass().getSimpleName() + ")",
                        "from " + source + ": " + request.describe() + " -> " + e.getMessage());
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    public long requests() {
        return requests;
    }

    private void check(Request request, RawHttp.Response response) {
        int status = response.status();
        boolean head = "HEAD".equals(request.method());
        String contentType = response.header("content-type");
        boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
        String example = request.describe() + "\n        -> " + response.statusLine() + " [" + contentType + "] "
                + Mutator.preview(response.body(), 160);
        if (SUCCESS.contains(status)) {
            findings.count("http " + status);
            if (!head && (!json || parse(response.body()) == null)) {
                findings.problem("http: " + status + " to " + Mutator.preview(request.method().getBytes(StandardCharsets.UTF_8), 20)
                        + " without a JSON body", example);
            }
            return;
        }
        String exception = documentedException(request, status);
        if (exception != null) {
            findings.count("http " + status + " (" + exception + ")");
            return;
        }
        if (!ERROR_STATUSES.contains(status)) {
            findings.count("http " + status + " (undocumented)");
            findings.problem("http: " + status + ", a status docs/protocol.md does not name", example);
            return;
        }
        if (!json) {
            findings.count("http " + status + " (not JSON)");
            findings.problem("http: " + status + " with Content-Type " + contentType + ", not JSON", example);
            return;
        }
        if (status == 429 && response.header("retry-after") == null) {
            findings.problem("http: 429 without Retry-After", example);
        }
        if (head) {
            findings.count("http " + status + " (HEAD)");
            return;
        }
        JsonNode body = parse(response.body());
        String code = body == null ? null : body.path("code").isTextual() ? body.path("code").asText() : null;
        if (code == null || !body.path("message").isTextual()) {
            findings.count("http " + status + " (no code)");
            findings.problem("http: " + status + " without a {\"code\",\"message\"} body", example);
            return;
        }
        findings.count("http " + status + " " + code);
        ErrorCode known = ErrorCode.fromWire(code).orElse(null);
        if (known == null) {
            findings.problem("http: " + status + " with code " + code + ", not an ErrorCode", example);
        } else if (known == ErrorCode.INTERNAL || status == 500) {
            findings.problem("http: " + status + " " + code + " (a bug by definition)", example);
        } else if (known.httpStatus() != status && !(EDGE_BAD_REQUEST.contains(status) && known == ErrorCode.BAD_REQUEST)) {
            findings.problem("http: " + status + " with code " + code + ", whose status is " + known.httpStatus(), example);
        }
    }

    /**
     * The answers docs/protocol.md ("Edge limits and errors") names as exceptions to the JSON body,
     * or null: a refused request for an upgrade (its status without a body, as the transport writes it), a
     * header value with control characters (the services' HTTP parser answers a bare 400 before
     * any route), and a body with both Content-Length and chunked Transfer-Encoding (nginx's own 413 page).
     */
    private static String documentedException(Request request, int status) {
        boolean upgrade = request.headers().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("upgrade:"));
        if (upgrade && (status == 401 || status == 403 || status == 404)) {
            return "refused upgrade";
        }
        if (status == 400 && request.headers().stream().anyMatch(HttpFuzzer::hasControlCharacterValue)) {
            return "control character in a header";
        }
        boolean lengthAndChunked = request.headers().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                && request.headers().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:"));
        if (status == 413 && lengthAndChunked) {
            return "length and chunked";
        }
        return null;
    }

    private static boolean hasControlCharacterValue(String header) {
        int colon = header.indexOf(':');
        return colon >= 0 && header.substring(colon + 1).chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Request build() {
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        String method = random.nextInt(10) < 7 ? endpoint.methods().get(random.nextInt(endpoint.methods().size())) : pick(OTHER_METHODS);
        String target = random.nextInt(10) < 3 ? mutatePath(endpoint.path()) : endpoint.path();
        if (random.nextInt(10) < 3) {
            target += query();
        }
        String version = version();
        List<String> headers = new ArrayList<>();
        int hostRoll = random.nextInt(100);
        if (hostRoll < 90) {
            headers.add("Host: 127.0.0.1:" + port);
        } else if (hostRoll < 93) {
            // none
        } else if (hostRoll < 95) {
            headers.add("Host: 127.0.0.1:" + port);
            headers.add("Host: other.example");
        } else {
            headers.add("Host: " + pick(new String[] {"", "evil.example", "127.0.0.1:1", "[::1]", "a b", "x".repeat(300), "ex\u00e4mple", "%00"}));
        }
        boolean upgrade = random.nextInt(100) < (endpoint.socket() ? 40 : 5);
        Token token = tokens.get(random.nextInt(tokens.size()));
        if (upgrade && endpoint.socket() && token.player()) {
            // A player's valid token on a real upgrade would open a socket that replaces the fuzzed
            // sockets of that player; the fuzzers' own sockets cover a valid upgrade.
            token = notPlayers.get(random.nextInt(notPlayers.size()));
        }
        if (token.authorization() != null) {
            headers.add("Authorization: " + token.authorization());
        }
        if (upgrade) {
            headers.add("Upgrade: " + pick(new String[] {"websocket", "websocket", "h2c", "WebSocket", "foo"}));
            headers.add("Connection: Upgrade");
            headers.add("Sec-WebSocket-Key: " + pick(new String[] {"dGhlIHNhbXBsZSBub25jZQ==", "", "short", "x".repeat(100)}));
            headers.add("Sec-WebSocket-Version: " + pick(new String[] {"13", "13", "8", "99", "x"}));
            if (random.nextBoolean()) {
                headers.add("Sec-WebSocket-Protocol: " + pick(new String[] {"arena", "arena, other", "other", ",,,", "arena," + "x".repeat(200)}));
            }
        } else {
            headers.add(random.nextInt(20) == 0 ? "Connection: keep-alive" : "Connection: close");
        }
        if (random.nextInt(10) < 3) {
            headers.add("Accept-Encoding: gzip");
        }
        int extras = random.nextInt(3);
        for (int i = 0; i < extras; i++) {
            headers.add(extraHeader());
        }

        boolean withBody = Set.of("POST", "PUT", "PATCH").contains(method) || random.nextInt(10) == 0;
        byte[] body = new byte[0];
        boolean chunked = false;
        if (withBody) {
            Mutator.Fuzzed fuzzed = body(endpoint);
            body = fuzzed.bytes();
            chunked = fuzzed.transport() == Mutator.Transport.FRAGMENTED_TEXT;
            if (random.nextInt(10) < 8) {
                headers.add("Content-Type: application/json");
            } else {
                headers.add("Content-Type: " + pick(CONTENT_TYPES));
            }
        }
        if (chunked) {
            headers.add("Transfer-Encoding: chunked");
            body = chunk(body);
        } else if (withBody) {
            headers.addAll(contentLength(body.length));
        } else if (random.nextInt(50) == 0) {
            headers.add("Transfer-Encoding: " + pick(new String[] {"gzip", "identity", "chunked, gzip"}));
        }

        return new Request(method, target, version, headers, token.label(), body, endpoint.path());
    }

    private String version() {
        int roll = random.nextInt(100);
        if (roll < 88) {
            return "HTTP/1.1";
        }
        if (roll < 94) {
            return "HTTP/1.0";
        }
        // No HTTP/0.9 (no version at all): nginx answers it without status line or headers, as documented.
        return pick(new String[] {"HTTP/2.0", "HTTP/3", "HTTP/1.9", "HTTPS/1.1", "http/1.1", "HTTP/1.1x"});
    }

    private String mutatePath(String path) {
        int slash = path.lastIndexOf('/');
        return switch (random.nextInt(16)) {
            case 0 -> path + "/";
            case 1 -> path.replaceFirst("/", "//");
            case 2 -> path.substring(0, slash) + "/./" + path.substring(slash + 1);
            case 3 -> path.substring(0, slash) + "/x/../" + path.substring(slash + 1);
            case 4 -> path.substring(0, slash) + "/%2e%2e/" + path.substring(slash + 1);
            case 5 -> path.substring(0, slash) + "%2F" + path.substring(slash + 1);
            case 6 -> path + "%00";
            case 7 -> path + "%ZZ";
            case 8 -> path + "\u00e9\uD83D\uDE00";
            case 9 -> path.toUpperCase(Locale.ROOT);
            case 10 -> path + "/" + "a".repeat(4100 + random.nextInt(5000));
            case 11 -> "http://127.0.0.1:" + port + path;
            case 12 -> path.substring(0, slash) + ";x=1/" + path.substring(slash + 1);
            case 13 -> path + "#fragment";
            case 14 -> path + "/" + "..%2f".repeat(5) + "admin/ping";
            default -> "*";
        };
    }

    private String query() {
        return switch (random.nextInt(6)) {
            case 0 -> "?limit=" + (random.nextInt(160) - 10);
            case 1 -> "?limit=" + percentEncode(mutator.oddValue());
            case 2 -> "?limit=" + pick(new String[] {"", "%", "1&limit=2", "10%00", "1e2", "0x10", "+5", " 5", "%20"});
            case 3 -> "?" + "a=1&".repeat(100 + random.nextInt(1000));
            case 4 -> "?x=" + percentEncode(new String(mutator.garbage(1 + random.nextInt(100)), StandardCharsets.ISO_8859_1));
            default -> "?limit=5&limit=500";
        };
    }

    private String extraHeader() {
        return switch (random.nextInt(14)) {
            case 0 -> "X-Real-IP: " + pick(new String[] {"1.2.3.4", "::1", "garbage", "' or 1=1 --", "127.0.0.1"});
            case 1 -> "X-Forwarded-For: " + pick(new String[] {"1.1.1.1, 2.2.2.2", "x".repeat(500), "unknown", ""});
            case 2 -> "Origin: " + pick(new String[] {"http://evil.example", "null", "http://127.0.0.1:" + port});
            case 3 -> "Cookie: " + "a=b; ".repeat(1 + random.nextInt(50));
            case 4 -> "Accept: " + pick(new String[] {"text/html", "application/xml", "*/*", "application/json;q=0", "image/png"});
            case 5 -> "User-Agent: " + "Fuzz/".repeat(1 + random.nextInt(200));
            case 6 -> "X-Pad: " + "p".repeat(4100 + random.nextInt(4000)); // a header line above 4 KB: 431
            case 7 -> String.join("\r\n", java.util.Collections.nCopies(20, "X-Many: " + "m".repeat(1000))); // above 16 KB in all: 431
            case 8 -> "X-Odd: \u0001\u007f\u00ff";
            case 9 -> pick(new String[] {"Bad Header: x", "X-\u00dc: y", ": no-name", "NoColon", "X-Empty:"});
            case 10 -> "Expect: 100-continue";
            case 11 -> "If-None-Match: " + pick(new String[] {"*", "\"x\"", "W/\"1\""});
            case 12 -> "Range: bytes=" + pick(new String[] {"0-1", "-5", "5-1", "0-0,1-1,2-2"});
            default -> "Content-Encoding: " + pick(new String[] {"gzip", "deflate", "br", "x"});
        };
    }

    private Mutator.Fuzzed body(Endpoint endpoint) {
        List<Mutator.Field> base = endpoint.body() == null ? List.of(new Mutator.Field("a", "1")) : endpoint.body();
        if (random.nextInt(10) < 2) {
            // An odd value in a field the endpoint reads (name, colors, rating, message), the rest kept.
            List<Mutator.Field> fields = new ArrayList<>(base);
            int index = random.nextInt(fields.size());
            fields.set(index, new Mutator.Field(fields.get(index).name(), mutator.oddValue()));
            return new Mutator.Fuzzed("odd-value", Mutator.object(fields).getBytes(StandardCharsets.UTF_8), Mutator.Transport.TEXT);
        }
        return mutator.mutate(base);
    }

    /** A Content-Length, mostly right; sometimes short, negative, not a number, or given twice. */
    private List<String> contentLength(int length) {
        if (random.nextInt(100) >= 8) {
            return List.of("Content-Length: " + length);
        }
        return switch (random.nextInt(6)) {
            case 0 -> List.of("Content-Length: " + Math.max(0, length - 1 - random.nextInt(Math.max(1, length))));
            case 1 -> List.of("Content-Length: -1");
            case 2 -> List.of("Content-Length: abc");
            case 3 -> List.of("Content-Length: " + length, "Content-Length: " + (length + 1));
            case 4 -> List.of("Content-Length: 99999999999999999999");
            default -> List.of("Content-Length: " + length, "Transfer-Encoding: chunked");
        };
    }

    private byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : mutator.fragments(body)) {
            out.writeBytes((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Set<Integer> errorStatuses() {
        Set<Integer> statuses = Arrays.stream(ErrorCode.values()).map(ErrorCode::httpStatus).collect(Collectors.toSet());
        statuses.addAll(EDGE_BAD_REQUEST);
        return Set.copyOf(statuses);
    }
}
