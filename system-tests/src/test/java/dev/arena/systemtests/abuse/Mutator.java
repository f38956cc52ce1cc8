package dev.arena.systemtests.abuse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Bad versions of good JSON messages, from a seeded {@link Random} so that a failing run can be
 * replayed: the valid message kept or with an unknown field, truncated, bytes flipped, huge or
 * malformed numbers, values of the wrong type, missing fields, unknown or foreign types, deep
 * nesting, strings full of escapes, controls, surrogates and mojibake, bytes that are not UTF-8,
 * trailing data, duplicate keys, garbage, a frame exactly at the size limit or above it (also one
 * whose characters are few but whose bytes are many), and binary or fragmented frames.
 *
 * <p>A message is a list of {@link Field}s whose values are raw JSON, so that a mutation can put
 * there what no JSON library would write ({@code 1e999}, {@code NaN}, {@code 017}).
 */
public final class Mutator {

    /** A field of a JSON object: its name and its value as raw JSON text. */
    public record Field(String name, String raw) {}

    /** How a payload goes out on a socket. */
    public enum Transport { TEXT, BINARY, FRAGMENTED_TEXT }

    /** A fuzzed payload: the mutation's name (for the tally and the report), the bytes, how they go out. */
    public record Fuzzed(String kind, byte[] bytes, Transport transport) {

        /** A short printable form of the bytes for a report: escapes for non-ASCII, cut at 160 characters. */
        public String preview() {
            return Mutator.preview(bytes, 160);
        }
    }

    private static final String[] NUMBERS = {
        "1e309", "-1e309", "1e308", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1" + "0".repeat(300), "1e-400", "-0", "-0.0", "1.5", "1E3", "NaN", "Infinity",
        "-Infinity", "0x1F", "017", "+5", ".5", "5.", "4294967296", "6.2832", "-6.2832", "12.6", "-1", "2147483648",
        "1e18", "0.000000000000000000001"
    };
    private static final String[] WRONG_TYPES = {
        "\"17\"", "\"true\"", "true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\"", "\"ping\"", "0"
    };
    /** String contents, JSON-escaped already: escapes of controls and lone surrogates, mojibake, emoji, look-alikes. */
    private static final String[] ODD_STRINGS = {
        "\\u0000", "\\ud800", "\\udfff\\ud800", "\\u202eni", "\\ufeffping", "Ã©Ã¨Ã\u0083", "\\ufffd\\ufffd", "ping\\u0000",
        "\uD83D\uDE00", "é", "\\\\x80\\\\xff", "%C0%AF", "\\t\\n\\r", "p\u0301ing", "PING", " ping", "ping ", "snap",
        "start", "end", "err", "pong", "queue", "in", "leave", "match.ready", "room.update", "queue.status",
        "x".repeat(200), "\\\"", "\\\\", "\u0130n", "\uFF49\uFF4E", "ｐｉｎｇ"
    };
    /** Byte sequences no UTF-8 decoder may accept: stray continuations, overlong forms, surrogates, 0xFF. */
    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xC3, 0x28}, {(byte) 0xA0, (byte) 0xA1}, {(byte) 0xE2, 0x28, (byte) 0xA1},
        {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}
    };

    private final Random random;
    private final int maxFrameBytes;

    /** {@code maxFrameBytes}: the receiver's documented limit, so that sizes around it are tried. */
    public Mutator(Random random, int maxFrameBytes) {
        this.random = random;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The JSON object of these fields, in order. */
    public static String object(List<Field> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Field field : fields) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.name()).append("\":").append(field.raw());
        }
        return json.append('}').toString();
    }

    /** One mutation of {@code base}, chosen at random. */
    public Fuzzed mutate(List<Field> base) {
        int roll = random.nextInt(100);
        Fuzzed fuzzed;
        if (roll < 8) {
            fuzzed = text("valid", random.nextBoolean() ? object(base) : object(withField(base, unknownField())));
        } else if (roll < 17) {
            byte[] bytes = utf8(object(mutateValues(base)));
            fuzzed = new Fuzzed("truncated", Arrays.copyOf(bytes, random.nextInt(bytes.length)), Transport.TEXT);
        } else if (roll < 26) {
            fuzzed = new Fuzzed("bytes-flipped", flip(utf8(object(base))), Transport.TEXT);
        } else if (roll < 36) {
            fuzzed = text("huge-number", object(replaceValue(base, pick(NUMBERS))));
        } else if (roll < 46) {
            fuzzed = text("wrong-type", object(replaceValue(base, pick(WRONG_TYPES))));
        } else if (roll < 51) {
            fuzzed = text("missing-field", object(withoutField(base)));
        } else if (roll < 58) {
            fuzzed = text("odd-type", object(replaceField(base, 0, new Field("t", '"' + pick(ODD_STRINGS) + '"'))));
        } else if (roll < 63) {
            fuzzed = text("odd-string", object(withField(base, new Field(pick(ODD_STRINGS), '"' + pick(ODD_STRINGS) + '"'))));
        } else if (roll < 68) {
            fuzzed = text("deep-nesting", deepNesting(base));
        } else if (roll < 72) {
            fuzzed = text("not-an-object", pick(new String[] {"", " ", "[]", "\"ping\"", "1", "null", "true", "[" + object(base) + "]",
                "\t\n", "{", "}", "{}", "{\"t\":}", "{t:\"ping\"}", "{'t':'ping'}", "{\"t\" \"ping\"}"}));
        } else if (roll < 75) {
            String json = object(base);
            fuzzed = text("trailing-data", json + pick(new String[] {json, " x", ",", "}", "\u0000", " // c", "\n" + json}));
        } else if (roll < 78) {
            fuzzed = text("duplicate-key", object(withField(base, new Field("t", pick(new String[] {"\"ping\"", "\"in\"", "\"x\"", "1"})))));
        } else if (roll < 82) {
            fuzzed = new Fuzzed("garbage", garbage(random.nextInt(maxFrameBytes / 2) + 1), Transport.TEXT);
        } else if (roll < 87) {
            fuzzed = new Fuzzed("not-utf8", notUtf8(base), Transport.TEXT);
        } else if (roll < 91) {
            fuzzed = new Fuzzed("oversize", oversize(base), Transport.TEXT);
        } else if (roll < 93) {
            fuzzed = text("at-limit", atLimit(base));
        } else {
            byte[] bytes = random.nextBoolean() ? utf8(object(base)) : garbage(random.nextInt(2 * maxFrameBytes) + 1);
            fuzzed = new Fuzzed("binary", bytes, Transport.BINARY);
        }
        if (fuzzed.transport() == Transport.TEXT && fuzzed.bytes().length > 1 && random.nextInt(100) < 8) {
            return new Fuzzed(fuzzed.kind() + "+fragmented", fuzzed.bytes(), Transport.FRAGMENTED_TEXT);
        }
        return fuzzed;
    }

    /**
     * Splits a fragmented payload: into 2 to 4 pieces, or into pieces of at most 1 KB (so that a
     * message above the services' 16 KB cap arrives in frames each under it).
     */
    public List<byte[]> fragments(byte[] bytes) {
        List<Integer> cuts = new ArrayList<>();
        if (random.nextBoolean() && bytes.length > 2048) {
            for (int cut = 1 + random.nextInt(1024); cut < bytes.length; cut += 1 + random.nextInt(1024)) {
                cuts.add(cut);
            }
        } else {
            int pieces = Math.min(bytes.length, 2 + random.nextInt(3));
            while (cuts.size() < pieces - 1) {
                int cut = 1 + random.nextInt(bytes.length - 1);
                if (!cuts.contains(cut)) {
                    cuts.add(cut);
                }
            }
            cuts.sort(null);
        }
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parts.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        parts.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return parts;
    }

    /** A number, a wrong type or an odd string, as raw JSON: for a query parameter, a header, a body value. */
    public String oddValue() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(NUMBERS);
            case 1 -> pick(WRONG_TYPES);
            default -> '"' + pick(ODD_STRINGS) + '"';
        };
    }

    /** Random bytes, about half of them printable ASCII. */
    public byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextBoolean() ? (byte) (32 + random.nextInt(95)) : (byte) random.nextInt(256);
        }
        return bytes;
    }

    private Fuzzed text(String kind, String json) {
        return new Fuzzed(kind, utf8(json), Transport.TEXT);
    }

    private List<Field> mutateValues(List<Field> base) {
        return random.nextBoolean() ? base : replaceValue(base, pick(NUMBERS));
    }

    private List<Field> replaceValue(List<Field> base, String raw) {
        int index = random.nextInt(base.size());
        return replaceField(base, index, new Field(base.get(index).name(), raw));
    }

    private static List<Field> replaceField(List<Field> base, int index, Field field) {
        List<Field> fields = new ArrayList<>(base);
        fields.set(index, field);
        return fields;
    }

    private List<Field> withoutField(List<Field> base) {
        List<Field> fields = new ArrayList<>(base);
        fields.remove(random.nextInt(fields.size()));
        return fields;
    }

    private List<Field> withField(List<Field> base, Field field) {
        List<Field> fields = new ArrayList<>(base);
        fields.add(random.nextInt(fields.size() + 1), field);
        return fields;
    }

    private Field unknownField() {
        return new Field(pick(new String[] {"extra", "v", "__proto__", "constructor", "t2", "seq2", "class"}), oddValue());
    }

    private String deepNesting(List<Field> base) {
        int depth = 20 + random.nextInt(maxFrameBytes / 2 - 40);
        // Arrays of arrays nest deepest per byte; objects take three times the bytes a level.
        String nested = random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth / 3) + "1" + "}".repeat(depth / 3);
        return switch (random.nextInt(3)) {
            case 0 -> nested;
            case 1 -> object(withField(base, new Field("deep", nested)));
            default -> object(withField(base, new Field("deep", "[".repeat(depth)))); // never closed
        };
    }

    private byte[] flip(byte[] bytes) {
        byte[] flipped = bytes.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return flipped;
    }

    private byte[] notUtf8(List<Field> base) {
        byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String json = object(withField(base, new Field("s", "\"@\"")));
        int at = json.indexOf('@');
        out.writeBytes(utf8(json.substring(0, at)));
        out.writeBytes(bad);
        out.writeBytes(utf8(json.substring(at + 1)));
        return out.toByteArray();
    }

    /**
     * Above the limit: by a byte, by a few times, by characters that are few but three bytes each
     * (a limit counted in characters would miss it), or beyond the services' 16 KB WebSocket cap.
     */
    private byte[] oversize(List<Field> base) {
        String head = object(base);
        String filler;
        switch (random.nextInt(4)) {
            case 0 -> filler = "x".repeat(maxFrameBytes + 1 - head.length() - ",\"pad\":\"\"".length());
            case 1 -> filler = "x".repeat(maxFrameBytes * (2 + random.nextInt(4)));
            case 2 -> filler = "\u20AC".repeat(maxFrameBytes / 3 + 1);
            default -> filler = "y".repeat(16384 + random.nextInt(50_000));
        }
        byte[] bytes = utf8(object(withField(base, new Field("pad", "\"" + filler + "\""))));
        if (bytes.length <= maxFrameBytes) {
            throw new IllegalStateException("an oversize frame of " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** A valid message padded with an unknown field to exactly the limit: it must be taken. */
    private String atLimit(List<Field> base) {
        String head = object(withField(base, new Field("pad", "\"\"")));
        String json = object(withField(base, new Field("pad", "\"" + "z".repeat(maxFrameBytes - head.length()) + "\"")));
        if (utf8(json).length != maxFrameBytes) {
            throw new IllegalStateException("an at-limit frame of " + utf8(json).length + " bytes");
        }
        return json;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Printable ASCII as it is, other bytes as escapes, cut at {@code max} characters (then the size is told). */
    public static String preview(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (; i < bytes.length && text.length() < max; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 32 && b < 127) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (i < bytes.length) {
            text.append("… (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
