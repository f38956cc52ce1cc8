package dev.arena.matchmaker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage.MatchReady;
import dev.arena.model.protocol.LobbyServerMessage.RoomUpdate;
import dev.arena.model.state.RoomState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions taken on script results and the notices built from them, without Redis. */
class RoomPolicyTest {

    private final RoomPolicy policy = RoomPolicy.standard();
    private final Notices notices = new Notices(new MessageCodec());

    @Test
    void aRoomStartsAtOnceOnlyWhenFull() {
        assertFalse(policy.startsNow(assigned(3)), "three start a countdown, not the match");
        assertFalse(policy.startsNow(assigned(4)));
        assertTrue(policy.startsNow(assigned(5)));
        assertFalse(policy.startsNow(new AssignOutcome.Stale("p")));
    }

    @Test
    void aDueRoomStartsOrIsCheckedForArrivalsOrIsDone() {
        assertEquals(RoomPolicy.DueAction.START, policy.afterDue(new DueOutcome.Start("r")));
        assertEquals(RoomPolicy.DueAction.CHECK_ARRIVALS, policy.afterDue(new DueOutcome.Handed("r", RoomState.STARTING)));
        assertEquals(RoomPolicy.DueAction.NONE, policy.afterDue(new DueOutcome.Dissolved("r", List.of("a", "b"))));
        assertEquals(RoomPolicy.DueAction.NONE, policy.afterDue(new DueOutcome.NotDue("r")));
        assertEquals(RoomPolicy.DueAction.NONE, policy.afterDue(new DueOutcome.Gone("r")));
    }

    @Test
    void refusesImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> new RoomPolicy(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new RoomPolicy(4, 3));
    }

    @Test
    void roomIdsSortByCreationAndFitInKeys() {
        String older = RoomIds.at(1_700_000_000_000L);
        String newer = RoomIds.at(1_700_000_000_001L);
        String early = RoomIds.at(999L);
        assertTrue(older.compareTo(newer) < 0);
        assertTrue(early.compareTo(older) < 0, "zero padding keeps string order equal to time order");
        assertTrue(RedisKeys.isValidId(older));
        assertTrue(older.matches("[0-9]{13}-[0-9a-z]{8}"));
    }

    @Test
    void aRoomUpdateCarriesTheDeadlineOnlyDuringTheCountdown() {
        RoomView countdown = new RoomView("r1", RoomState.COUNTDOWN, 42L, List.of(member("a"), member("b")));
        PlayerNotice notice = notices.roomUpdate(countdown);
        assertEquals(List.of("a", "b"), notice.players());
        RoomUpdate update = (RoomUpdate) notice.message();
        assertEquals(42L, update.countdownDeadline());
        assertEquals("#ff0000", update.members().get(0).colors().primary());

        RoomView waiting = new RoomView("r1", RoomState.WAITING, 42L, List.of(member("a")));
        assertNull(((RoomUpdate) notices.roomUpdate(waiting).message()).countdownDeadline());
    }

    @Test
    void membersWithoutARecordAreToldButNotListed() {
        RoomView room = new RoomView("r1", RoomState.WAITING, null, List.of(member("a"), new Member("gone", "", "")));
        PlayerNotice notice = notices.roomUpdate(room);
        assertEquals(List.of("a", "gone"), notice.players());
        assertEquals(1, ((RoomUpdate) notice.message()).members().size());
    }

    @Test
    void noNodeStartedAndDroppedNotices() {
        RoomView room = new RoomView("r1", RoomState.COUNTDOWN, 42L, List.of(member("a")));
        RoomUpdate waiting = (RoomUpdate) notices.waitingForNode(room).message();
        assertEquals(RoomState.STARTING, waiting.state());
        assertEquals(Notices.WAITING_FOR_NODE, waiting.message());
        assertNull(waiting.countdownDeadline());

        MatchReady ready = (MatchReady) notices.matchReady(new StartOutcome.Started("r1", "node-0", List.of("a"))).message();
        assertEquals("/game/node-0/r1", ready.url());

        PlayerNotice dropped = notices.dropped(List.of("x"));
        assertEquals("arrival_timeout", ((ErrorMessage) dropped.message()).code());
    }

    private static AssignOutcome assigned(int count) {
        return new AssignOutcome.Assigned("p", new RoomView("r", RoomState.WAITING, null, List.of()), count);
    }

    private static Member member(String id) {
        return new Member(id, "N" + id, "{\"primary\":\"#ff0000\",\"secondary\":\"#00ff00\"}");
    }
}
