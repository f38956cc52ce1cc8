package dev.arena.model.identity;

import java.util.Optional;
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
        for (int i = 0; i < stripped.length(); ) {
            int cp = stripped.codePointAt(i);
            i += Character.charCount(cp);
            if (isForbidden(cp)) {
                return Optional.of("name must not contain control characters");
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
