package dev.arena.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A grant as start.lua writes it and a node reads it. */
class RoomHandoffTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Test
    void aGrantSurvivesItsStreamEntry() {
        RoomHandoff handoff = new RoomHandoff("r1", 2, 1_700_000_000_000L, true, 15_000, List.of(
                new PlayerInfo("a", "Ann", new Colors("#ff0000", "#00ff00")), new PlayerInfo("b", "Bo", new Colors("#000000", "#ffffff"))));
        assertEquals(handoff, RoomHandoff.fromFields(handoff.toFields(CODEC), CODEC));
        assertEquals(List.of("a", "b"), handoff.players());
    }

    @Test
    void aMemberWhoseRecordExpiredGetsTheFallbacks() {
        // What start.lua writes for a member whose player hash had expired: empty name and colors.
        Map<String, String> fields = new HashMap<>(Map.of("room", "r1", "epoch", "1", "at", "5", "resume", "0", "arrival_ms", "15000",
                "roster", "{\"members\":[[\"abcdef\",\"\",\"\"],[\"b\",\"Bo\",\"not json\"]]}"));
        RoomHandoff handoff = RoomHandoff.fromFields(fields, CODEC);
        assertEquals(PlayerInfo.withFallbacks("abcdef", null, null), handoff.roster().get(0));
        assertEquals("player-abcd", handoff.roster().get(0).name());
        assertEquals(PlayerInfo.FALLBACK_COLORS, handoff.roster().get(1).colors());
    }

    @Test
    void anEntryThisVersionCannotReadIsRefused() {
        Map<String, String> fields = new HashMap<>(Map.of("room", "r1", "epoch", "1", "at", "5", "arrival_ms", "15000",
                "roster", "{\"members\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> RoomHandoff.fromFields(fields, CODEC), "no members");
        fields.put("roster", "[[\"a\"]]");
        assertThrows(IllegalArgumentException.class, () -> RoomHandoff.fromFields(fields, CODEC), "not a roster object");
        fields.remove("roster");
        assertThrows(IllegalArgumentException.class, () -> RoomHandoff.fromFields(fields, CODEC), "no roster");
    }
}
