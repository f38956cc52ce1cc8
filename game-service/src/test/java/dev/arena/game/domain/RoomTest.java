package dev.arena.game.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.rules.GameRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A room tick by tick on the calling thread, its sockets stand-ins that record what they were sent. */
class RoomTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final List<PlayerInfo> ROSTER = List.of(player("a"), player("b"), player("c"));

    @Test
    void aMemberWhoJoinsGetsStartThenASnapshotEverySendTickInItsProtocol() {
        Room room = room(GameRules.DEFAULTS);
        RecordingChannel v2 = new RecordingChannel("a", GameProtocol.V2);
        RecordingChannel v1 = new RecordingChannel("b", GameProtocol.V1);
        room.join(v2);
        room.join(v1);

        assertFalse(room.tick(false));
        GameServerMessage.Start start = (GameServerMessage.Start) CODEC.decodeGameServer(v2.texts.get(0));
        assertEquals("a", start.you());
        assertEquals(ROSTER, start.roster());
        assertTrue(v2.snapshots.isEmpty(), "no snapshot on a tick without a send");

        assertFalse(room.tick(true));
        assertNotNull(v2.snapshots.get(0).binary(), "a version 2 member gets the binary form");
        assertNotNull(v1.snapshots.get(0).text(), "a version 1 member the text form");
        assertEquals(2, room.view().connected());
    }

    @Test
    void theNewestInputOfATickWinsAndAReplacedSocketsInputsAreIgnored() {
        Room room = room(GameRules.DEFAULTS);
        RecordingChannel first = new RecordingChannel("a", GameProtocol.V2);
        room.join(first);
        room.tick(false);
        double startX = x(room, "a");

        // Sent out of order: seq 2 (right) is the newest, seq 1 (left) arrives after it.
        room.offer(first, input(2, false, true));
        room.offer(first, input(1, true, false));
        for (int i = 0; i < 10; i++) {
            room.tick(false);
        }
        double movedX = x(room, "a");
        assertTrue(movedX > startX, "moved right by the newest input: " + startX + " -> " + movedX);

        RecordingChannel second = new RecordingChannel("a", GameProtocol.V2);
        room.join(second);
        room.offer(first, input(3, true, false)); // the old socket's input, read after the new one joined
        room.offer(second, input(3, false, false));
        for (int i = 0; i < 10; i++) {
            room.tick(false);
        }
        assertEquals(CloseCode.REPLACED, first.closedWith, "the newer socket replaces the older");
        assertEquals(movedX, x(room, "a"), 1e-9, "the replaced socket's input moved nobody");
    }

    @Test
    void aMatchThatRunsItsLengthEndsWithTheScoresAndEverySocketClosedWith4010() {
        Room room = room(GameRules.DEFAULTS.withMatchLengthMs(3 * GameRules.DEFAULTS.tickMs()));
        RecordingChannel a = new RecordingChannel("a", GameProtocol.V2);
        room.join(a);
        boolean over = false;
        for (int i = 0; i < 5 && !over; i++) {
            over = room.tick(false);
        }
        assertTrue(over, "the match ended at its length");
        RecordingChannel late = new RecordingChannel("b", GameProtocol.V2);
        room.join(late);

        MatchResult result = room.finish(System.currentTimeMillis());

        assertEquals(Room.COMPLETED, result.reason());
        assertEquals(List.of("a"), result.players().stream().map(MatchResult.PlayerResult::playerId).toList(),
                "only who played has a result");
        assertEquals(CloseCode.MATCH_OVER, a.closedWith);
        GameServerMessage.End end = (GameServerMessage.End) CODEC.decodeGameServer(a.texts.get(a.texts.size() - 1));
        assertEquals(3, end.scores().size(), "every member of the roster is on the end screen");
        assertEquals(CloseCode.MATCH_OVER, late.closedWith, "a socket whose join was still queued gets the end too");
    }

    @Test
    void aCallOffClosesWithItsCodeAndAMoveAwayWith4004() {
        Room calledOff = room(GameRules.DEFAULTS);
        RecordingChannel a = new RecordingChannel("a", GameProtocol.V2);
        calledOff.join(a);
        calledOff.tick(false);
        calledOff.callOff(CloseCode.MATCH_CANCELLED, "not enough players arrived");
        assertTrue(calledOff.tick(false));
        assertTrue(calledOff.isCalledOff());
        assertFalse(calledOff.isMovedAway());
        calledOff.closeCalledOff();
        assertEquals(CloseCode.MATCH_CANCELLED, a.closedWith);

        Room moved = room(GameRules.DEFAULTS);
        RecordingChannel b = new RecordingChannel("b", GameProtocol.V2);
        moved.join(b);
        moved.moveAway();
        assertTrue(moved.tick(false));
        assertTrue(moved.isMovedAway());
        moved.closeCalledOff();
        assertEquals(CloseCode.ROOM_NOT_FOUND, b.closedWith, "the client asks the lobby where the match went");
    }

    @Test
    void aPlayerLeavingFreesTheSocketButKeepsTheirPlaceAndScore() {
        Room room = room(GameRules.DEFAULTS);
        RecordingChannel a = new RecordingChannel("a", GameProtocol.V2);
        room.join(a);
        room.tick(false);
        room.leave(a);
        room.tick(true);
        assertEquals(0, room.view().connected());
        assertTrue(a.snapshots.isEmpty(), "no snapshot to a socket that left");
        assertNull(a.closedWith, "the room does not close a socket that left by itself");
        assertTrue(room.snapshot(System.currentTimeMillis()).players().stream().anyMatch(p -> p.playerId().equals("a")),
                "the player keeps their place in the match");
    }

    private static Room room(GameRules rules) {
        long now = System.currentTimeMillis();
        return new Room("room-1", "1-0", 1, ROSTER, rules, now, now + rules.matchLengthMs(), now + 10_000, now, 64, CODEC,
                new GameMetrics(new SimpleMeterRegistry()));
    }

    private static double x(Room room, String playerId) {
        return room.snapshot(System.currentTimeMillis()).players().stream().filter(p -> p.playerId().equals(playerId))
                .findFirst().orElseThrow().x();
    }

    private static GameClientMessage.Input input(long seq, boolean left, boolean right) {
        return new GameClientMessage.Input(seq, false, false, left, right, 0, false);
    }

    private static PlayerInfo player(String id) {
        return new PlayerInfo(id, "Player " + id, new Colors("#112233", "#445566"));
    }

    /** A socket that takes every frame at once and remembers it. */
    private static final class RecordingChannel implements PlayerChannel {
        private final String playerId;
        private final GameProtocol protocol;
        final List<String> texts = new ArrayList<>();
        final List<SnapshotFrame> snapshots = new ArrayList<>();
        Integer closedWith;

        RecordingChannel(String playerId, GameProtocol protocol) {
            this.playerId = playerId;
            this.protocol = protocol;
        }

        @Override
        public String playerId() {
            return playerId;
        }

        @Override
        public GameProtocol protocol() {
            return protocol;
        }

        @Override
        public void send(String frame) {
            texts.add(frame);
        }

        @Override
        public boolean sendLatest(SnapshotFrame frame) {
            snapshots.add(frame);
            return true;
        }

        @Override
        public void sendAndClose(String frame, int code, String reason) {
            texts.add(frame);
            closedWith = code;
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }
    }
}
