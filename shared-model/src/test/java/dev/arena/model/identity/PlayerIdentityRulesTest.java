package dev.arena.model.identity;

import static dev.arena.model.identity.PlayerIdentityRules.colorProblem;
import static dev.arena.model.identity.PlayerIdentityRules.nameProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlayerIdentityRulesTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, two UTF-16 units, one code point

    @Test
    void emptyNamesAreRejected() {
        assertEquals(Optional.of("name must not be empty"), nameProblem(null));
        assertEquals(Optional.of("name must not be empty"), nameProblem(""));
        assertEquals(Optional.of("name must not be empty"), nameProblem("   "));
        assertEquals(Optional.of("name must not be empty"), nameProblem("\u3000")); // ideographic space
    }

    @Test
    void lengthIsCountedInCodePointsAfterStripping() {
        assertEquals(Optional.empty(), nameProblem("a"));
        assertEquals(Optional.empty(), nameProblem("a".repeat(20)));
        assertEquals(Optional.of("name must be at most 20 characters"), nameProblem("a".repeat(21)));
        assertEquals(Optional.empty(), nameProblem("  " + "a".repeat(20) + "  "));
        assertEquals(Optional.empty(), nameProblem(EMOJI));
        assertEquals(Optional.empty(), nameProblem(EMOJI.repeat(20)));
        assertEquals(Optional.of("name must be at most 20 characters"), nameProblem(EMOJI.repeat(21)));
    }

    @Test
    void unicodeLettersAndInnerSpacesAreFine() {
        assertEquals(Optional.empty(), nameProblem("Zoë"));
        assertEquals(Optional.empty(), nameProblem("Łukasz Ś."));
        assertEquals(Optional.empty(), nameProblem("李小龍"));
        assertEquals(Optional.empty(), nameProblem("Dr. No-1 (" + EMOJI + ")"));
    }

    @Test
    void controlAndInvisibleCharactersAreRejected() {
        String control = "name must not contain control characters";
        assertEquals(Optional.of(control), nameProblem("Bo\tb"));
        assertEquals(Optional.of(control), nameProblem("Bo\u0000b"));
        assertEquals(Optional.of(control), nameProblem("Bob\u007F!"));
        assertEquals(Optional.of(control), nameProblem("Bo\nb"));
        assertEquals(Optional.of(control), nameProblem("\u202EboB"));
        assertEquals(Optional.of(control), nameProblem("a\u2028b"));
        assertEquals(Optional.of(control), nameProblem("a\uD83D")); // lone surrogate
        assertEquals(Optional.of("name must contain a visible character"), nameProblem("\u0301"));
    }

    @Test
    void zeroWidthAndBlankCharactersAreRejectedSoTwoNamesCannotLookTheSame() {
        String invisible = "name must not contain invisible characters";
        assertEquals(Optional.of(invisible), nameProblem("Bo\u200Bb")); // zero-width space
        assertEquals(Optional.of(invisible), nameProblem("Bob\u200C"));
        assertEquals(Optional.of(invisible), nameProblem("B\u200Dob"));
        assertEquals(Optional.of(invisible), nameProblem("Bo\u2060b")); // word joiner
        assertEquals(Optional.of(invisible), nameProblem("\uFEFFBob"));
        assertEquals(Optional.of(invisible), nameProblem("Bo\u00ADb")); // soft hyphen
        assertEquals(Optional.of(invisible), nameProblem("Bob\u3164")); // Hangul filler
        assertEquals(Optional.of(invisible), nameProblem("\u200D\u200B"));
        // Emoji sequences keep their joiners: a family, and a profession with a skin tone.
        assertEquals(Optional.empty(), nameProblem("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"));
        assertEquals(Optional.empty(), nameProblem("Al \uD83D\uDC68\uD83C\uDFFD\u200D\uD83D\uDE80"));
    }

    @Test
    void playerIdsAreCanonicalUuids() {
        assertEquals(true, PlayerIdentityRules.isPlayerId("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
        assertEquals(false, PlayerIdentityRules.isPlayerId("operator"));
        assertEquals(false, PlayerIdentityRules.isPlayerId("1-2-3-4-5"));
        assertEquals(false, PlayerIdentityRules.isPlayerId("3f2504e0-4f89-41d3-9a0c-0305e82c3301:x"));
        assertEquals(false, PlayerIdentityRules.isPlayerId(null));
    }

    @Test
    void colorsMustBeHashAndSixHexDigits() {
        assertEquals(Optional.empty(), colorProblem("#a1b2c3"));
        assertEquals(Optional.empty(), colorProblem("#A1B2C3"));
        String problem = "color must look like #rrggbb";
        assertEquals(Optional.of(problem), colorProblem(null));
        assertEquals(Optional.of(problem), colorProblem(""));
        assertEquals(Optional.of(problem), colorProblem("a1b2c3"));
        assertEquals(Optional.of(problem), colorProblem("#abc"));
        assertEquals(Optional.of(problem), colorProblem("#abcdeg"));
        assertEquals(Optional.of(problem), colorProblem("#a1b2c3 "));
        assertEquals(Optional.of(problem), colorProblem("#a1b2c3ff"));
    }
}
