package dev.arena.model.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a valid display name and color are, and the JWT vocabulary shared by the lobby (the only
 * signer) and every verifier.
 */
public final class PlayerIdentityRules {

    /** The {@code iss} of every token the lobby signs. */
    public static final String ISSUER = "arena-lobby";
    /** Claim with the display name (a string). */
    public static final String NAME_CLAIM = "name";
    /** Claim with the colors: a JSON object {@code {"primary":"#rrggbb","secondary":"#rrggbb"}}. */
    public static final String COLORS_CLAIM = "colors";
    /** Group (role) of guest players. */
    public static final String PLAYER_ROLE = "player";
    /** Group (role) that the {@code /admin} endpoints need. */
    public static final String ADMIN_ROLE = "admin";

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    /** Longest display name, in code points (an emoji counts as one), after stripping. */
    public static final int NAME_MAX_LENGTH = 20;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private PlayerIdentityRules() {}

    /**
     * Why {@code name} cannot be a display name, or empty if it can. The name is judged after
     * {@link String#strip()}, which is how it must be stored.
     */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("name must not be empty");
        }
        String stripped = name.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > NAME_MAX_LENGTH) {
            return Optional.of("name must be at most " + NAME_MAX_LENGTH + " characters");
        }
        boolean visible = false;
        int[] codePoints = stripped.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            if (isForbidden(cp)) {
                return Optional.of("name must not contain control characters");
            }
            if (isInvisible(cp) && !(cp == ZERO_WIDTH_JOINER && joinsEmoji(codePoints, i))) {
                return Optional.of("name must not contain invisible characters");
            }
            visible |= isVisible(cp);
        }
        if (!visible) {
            return Optional.of("name must contain a visible character");
        }
        return Optional.empty();
    }

    /** Why {@code color} is not a {@code #rrggbb} color, or empty if it is (either letter case). */
    public static Optional<String> colorProblem(String color) {
        if (color == null || !COLOR.matcher(color).matches()) {
            return Optional.of("color must look like #rrggbb");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code value} is a player id: the canonical form of a UUID, as the lobby issues them.
     * Tokens with the player role carry one as their subject; the services refuse any other.
     */
    public static boolean isPlayerId(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // Format characters (zero-width space, joiners, word joiner, soft hyphen, BOM) and the blank
    // "letters" some scripts have render as nothing: two names that differ only by them look alike.
    private static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                || cp == 0x180E || cp == 0x2800; // Mongolian vowel separator, braille blank
    }

    // A zero-width joiner after an emoji (or its skin tone or presentation selector) and before
    // another is part of one emoji sequence (a family, a profession), not padding.
    private static boolean joinsEmoji(int[] codePoints, int at) {
        if (at == 0 || at + 1 >= codePoints.length || Character.getType(codePoints[at + 1]) != Character.OTHER_SYMBOL) {
            return false;
        }
        int before = Character.getType(codePoints[at - 1]);
        return before == Character.OTHER_SYMBOL || before == Character.MODIFIER_SYMBOL || before == Character.NON_SPACING_MARK;
    }

    private static boolean isForbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.SURROGATE // a lone half of a pair: not a character at all
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                // Bidi overrides and isolates can make a name render as someone else's.
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean isVisible(int cp) {
        return Character.isLetterOrDigit(cp) || switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
