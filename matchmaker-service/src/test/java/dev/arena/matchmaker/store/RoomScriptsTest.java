package dev.arena.matchmaker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.matchmaker.domain.ArrivalOutcome;
import dev.arena.matchmaker.domain.AssignOutcome;
import dev.arena.matchmaker.domain.DueOutcome;
import dev.arena.matchmaker.domain.LeaveOutcome;
import dev.arena.matchmaker.domain.RoomSummary;
import dev.arena.matchmaker.domain.RoomView;
import dev.arena.matchmaker.domain.StartOutcome;
import dev.arena.matchmaker.support.ShardProfile;
import dev.arena.matchmaker.support.TestGameNode;
import dev.arena.matchmaker.support.TestLobby;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Lua scripts against the real Redis (database 1, a shard of this class's own). */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(RoomScriptsTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class RoomScriptsTest {

    /**
     * Long timings, so the running matchmaker never acts on the rooms and nodes these tests build:
     * its sweep or node check (first run after one interval) pruned a test's dead node before the test did.
     */
    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> timings() {
            return Map.of("arena.matchmaker.countdown", "60s", "arena.matchmaker.wait-timeout", "60s",
                    "arena.matchmaker.arrival-timeout", "60s", "arena.matchmaker.sweep-interval", "60s",
                    "arena.matchmaker.node-check-interval", "60s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RoomStore rooms;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    TestLobby lobby;
    TestGameNode node;

    @BeforeEach
    void setUp() {
        lobby = new TestLobby(redis, keys);
        node = new TestGameNode(redis, keys);
        lobby.cleanUp();
    }

    @AfterEach
    void tearDown() {
        lobby.cleanUp();
    }

    @Test
    void fillsTheFullestRoomFirstAndAmongEqualsTheOldest() {
        room("0000000000003-newer", "waiting", 2);
        room("0000000000001-older", "waiting", 2);
        room("0000000000002-small", "waiting", 1);
        String player = queued(1000);

        AssignOutcome.Assigned assigned = assertInstanceOf(AssignOutcome.Assigned.class, assign(player));

        assertEquals("0000000000001-older", assigned.room().roomId());
        assertEquals(3, assigned.count());
        assertEquals("countdown", lobby.room("0000000000001-older").get("state"), "3 members start the countdown");
        assertTrue(assigned.room().countdownDeadline() > System.currentTimeMillis() + 50_000);
        Map<String, String> record = lobby.player(player);
        assertEquals("in_room", record.get("status"));
        assertEquals("0000000000001-older", record.get("room"));
        assertNull(lobby.queuedAt(player), "placed players leave the queue");
        assertEquals(3, assigned.room().members().size(), "the reply carries the members for the room.update");
    }

    @Test
    void neverPutsMoreThanFiveInARoomAndTheSixthOpensANewOne() {
        List<AssignOutcome.Assigned> placed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            placed.add(assertInstanceOf(AssignOutcome.Assigned.class, assign(queued(1000 + i))));
        }
        String first = placed.get(0).room().roomId();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, placed.get(i).room().roomId());
            assertEquals(i + 1, placed.get(i).count());
        }
        assertEquals(5, lobby.members(first).size());
        assertNull(lobby.score(keys.roomsAvailable(), first), "a full room is no longer available");
        assertNotEquals(first, placed.get(5).room().roomId());
        assertEquals(1, placed.get(5).count());
        assertTrue(placed.get(5).room().roomId().compareTo(first) > 0, "room ids sort by creation time");
    }

    @Test
    void aBatchIsPlacedInOrderAndEachPlacementShowsItsRoomAsTheBatchLeftIt() {
        String almostFull = room("0000000000001-four", "waiting", 4);
        String pair = room("0000000000002-pair", "waiting", 2);
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            players.add(queued(1000 + i));
        }
        List<String> batch = new ArrayList<>(players);
        batch.add(2, UUID.randomUUID().toString()); // never queued
        batch.add(players.get(0)); // a second delivery within the same batch

        List<AssignOutcome> outcomes = rooms.assign(batch).await().atMost(WAIT);

        assertEquals(11, outcomes.size());
        assertInstanceOf(AssignOutcome.Stale.class, outcomes.get(2));
        assertInstanceOf(AssignOutcome.Stale.class, outcomes.get(10));
        List<AssignOutcome.Assigned> placed = outcomes.stream()
                .filter(AssignOutcome.Assigned.class::isInstance).map(AssignOutcome.Assigned.class::cast).toList();
        assertEquals(players, placed.stream().map(AssignOutcome.Assigned::playerId).toList());
        assertEquals(almostFull, placed.get(0).room().roomId(), "the fullest room first");
        assertEquals(5, placed.get(0).count());
        for (int i = 1; i <= 3; i++) {
            assertEquals(pair, placed.get(i).room().roomId(), "then the next fullest, now that the first is full");
            assertEquals(2 + i, placed.get(i).count());
        }
        String opened = placed.get(4).room().roomId();
        for (int i = 4; i < 9; i++) {
            assertEquals(opened, placed.get(i).room().roomId(), "then one new room for the rest");
            assertEquals(i - 3, placed.get(i).count());
        }
        for (AssignOutcome.Assigned assigned : placed) {
            assertEquals(5, assigned.room().members().size(), "every view is the room at the end of the batch");
        }
        assertEquals(RoomState.COUNTDOWN, placed.get(1).room().state(), "the pair's room reached three in the batch");
        assertNotNull(placed.get(1).room().countdownDeadline());
        assertEquals(RoomState.COUNTDOWN, placed.get(8).room().state());
        assertNull(lobby.score(keys.roomsAvailable(), opened), "full rooms are no longer available");
        assertEquals(Set.copyOf(players.subList(4, 9)), lobby.members(opened));
    }

    @Test
    void moreJoinsThanOneCallTakesAreSplitAcrossCallsInOrder() {
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 2 * RoomStore.PLAYERS_PER_ASSIGN + 3; i++) {
            players.add(queued(1000 + i));
        }

        List<AssignOutcome> outcomes = rooms.assign(players).await().atMost(WAIT);

        assertEquals(players.size(), outcomes.size());
        for (int i = 0; i < players.size(); i++) {
            AssignOutcome.Assigned assigned = assertInstanceOf(AssignOutcome.Assigned.class, outcomes.get(i));
            assertEquals(players.get(i), assigned.playerId());
            assertEquals(i % 5 + 1, assigned.count(), "rooms fill in order across calls too");
            assertEquals(assigned.room().roomId(), lobby.player(players.get(i)).get("room"));
        }
    }

    @Test
    void skipsAStaleEvent() {
        String notQueued = UUID.randomUUID().toString();
        assertInstanceOf(AssignOutcome.Stale.class, assign(notQueued));

        String ghost = UUID.randomUUID().toString();
        redis.sortedSet(String.class).zadd(keys.playersQueue(), 5, ghost); // queued, but the record expired
        assertInstanceOf(AssignOutcome.Stale.class, assign(ghost));
        assertNull(lobby.queuedAt(ghost), "a ghost is removed from the queue");

        String placed = queued(1000);
        assign(placed);
        assertInstanceOf(AssignOutcome.Stale.class, assign(placed), "a second delivery of the same join does nothing");
    }

    @Test
    void aLeaveUnderTheMinimumSendsACountdownBackToWaitingAndShowsTheRoomToTheOthers() {
        String room = countdownRoomOfThree("0000000000001-leave");
        redis.hash(String.class).hset(keys.room(room), "countdown_deadline", Long.toString(System.currentTimeMillis() + 60_000));
        String leaver = lobby.members(room).iterator().next();

        LeaveOutcome outcome = leave(leaver, LobbyEvent.Type.LEAVE);

        assertEquals(Map.of(leaver, PlayerStatus.IDLE), outcome.statusAfter());
        assertTrue(lobby.player(leaver).isEmpty(), "the leaver's record is gone: idle");
        assertEquals("waiting", lobby.room(room).get("state"));
        assertNull(lobby.room(room).get("countdown_deadline"));
        assertEquals(2.0, lobby.score(keys.roomsAvailable(), room));
        RoomView view = outcome.changedRooms().get(0);
        assertEquals(RoomState.WAITING, view.state());
        assertNull(view.countdownDeadline());
        assertEquals(2, view.members().size());
        assertFalse(view.memberIds().contains(leaver));
    }

    @Test
    void theLastMemberToLeaveTakesTheRoomWithThem() {
        String room = room("0000000000001-alone", "waiting", 0);
        String leaver = inRoom(room, 1);

        LeaveOutcome outcome = leave(leaver, LobbyEvent.Type.LEAVE);

        assertEquals(PlayerStatus.IDLE, outcome.statusAfter().get(leaver));
        assertTrue(outcome.changedRooms().isEmpty(), "nobody left to tell");
        assertTrue(lobby.room(room).isEmpty());
        assertNull(lobby.score(keys.roomsAvailable(), room), "an empty room is never offered as the fullest");
    }

    @Test
    void aLeaveFromAStartedMatchIsRefusedButAnOperatorsResetTakesThePlayerOutAndFreesTheirShareOfTheNode() {
        String room = room("0000000000001-started", "running", 0);
        redis.hash(String.class).hset(keys.room(room), "node", "node-a");
        node.announce("node-a", 3);
        List<String> members = List.of(inRoom(room, 1), inRoom(room, 2), inRoom(room, 3));
        members.forEach(member -> redis.hash(String.class).hset(keys.player(member), Map.of("status", "in_game", "node", "node-a")));

        assertEquals(PlayerStatus.IN_GAME, leave(members.get(0), LobbyEvent.Type.LEAVE).statusAfter().get(members.get(0)));
        assertEquals(3, lobby.members(room).size(), "a match is left in the game, not the lobby");

        LeaveOutcome reset = leave(members.get(0), LobbyEvent.Type.RESET);
        assertEquals(PlayerStatus.IDLE, reset.statusAfter().get(members.get(0)));
        assertTrue(reset.changedRooms().isEmpty(), "a running room's members hear from their game node");
        assertEquals(2, lobby.members(room).size());
        assertTrue(lobby.player(members.get(0)).isEmpty());
        assertEquals(2.0, node.load("node-a"));
    }

    @Test
    void aLeaverBackInTheQueueLeavesTheQueueAndAnUnknownPlayerIsIdle() {
        String requeued = queued(1000);
        String unknown = UUID.randomUUID().toString();

        LeaveOutcome outcome = rooms.leave(List.of(new LobbyEvent(LobbyEvent.Type.LEAVE, requeued, 1, "dissolved-room"),
                new LobbyEvent(LobbyEvent.Type.LEAVE, unknown, 1, "any-room"))).await().atMost(WAIT);

        assertEquals(Map.of(requeued, PlayerStatus.IDLE, unknown, PlayerStatus.IDLE), outcome.statusAfter());
        assertNull(lobby.queuedAt(requeued));
        assertTrue(lobby.player(requeued).isEmpty());
    }

    @Test
    void aDueRoomWithThreeStartsAndOneWithTwoIsDissolvedWithTheOriginalEnqueueTimes() {
        String countdown = room("0000000000001-count", "countdown", 3);
        redis.hash(String.class).hset(keys.room(countdown), "countdown_deadline", "1");
        assertInstanceOf(DueOutcome.Start.class, rooms.due(List.of(countdown)).await().atMost(WAIT).get(0));

        String small = room("0000000000002-small", "waiting", 0);
        redis.hash(String.class).hset(keys.room(small), "created", "1");
        String a = inRoom(small, 1111);
        String b = inRoom(small, 2222);
        long joinsBefore = redis.stream(String.class).xlen(keys.lobbyJoins());

        DueOutcome.Dissolved dissolved = assertInstanceOf(DueOutcome.Dissolved.class,
                rooms.due(List.of(small)).await().atMost(WAIT).get(0));

        assertEquals(Set.of(a, b), Set.copyOf(dissolved.requeued()));
        assertRequeuedAtOriginalTime(a, small, 1111);
        assertRequeuedAtOriginalTime(b, small, 2222);
        assertEquals(joinsBefore + 2, redis.stream(String.class).xlen(keys.lobbyJoins()), "a new join event each");
        assertTrue(lobby.room(small).isEmpty(), "the room is gone");
    }

    /**
     * The running matchmaker consumes the new join events at once, so a re-queued player may
     * already sit in a new room: either way they keep their original enqueue time.
     */
    /** What the matchmaker's node check does: prunes the dead nodes, then moves the rooms of the lost ones. */
    private List<StartOutcome.Started> takeOverLost() {
        return rooms.takeOver(rooms.pruneDeadNodes().await().atMost(WAIT).lost()).await().atMost(WAIT);
    }

    private void assertRequeuedAtOriginalTime(String player, String dissolvedRoom, long enqueuedAt) {
        Double queuedAt = assertRequeued(player, dissolvedRoom);
        assertEquals(Long.toString(enqueuedAt), lobby.player(player).get("joined_timestamp"), player);
        if (queuedAt != null) {
            assertEquals((double) enqueuedAt, queuedAt, player);
        }
    }

    /**
     * The player is out of {@code dissolvedRoom} and queued again, or already placed anew by the
     * running app's join consumer, which reads the re-queue events; returns their place in the
     * queue when they were still in it.
     */
    private Double assertRequeued(String player, String dissolvedRoom) {
        // Queue first, record second: once out of the queue (assign.lua is atomic), the record says in_room.
        Double queuedAt = lobby.queuedAt(player);
        Map<String, String> record = lobby.player(player);
        assertNotEquals(dissolvedRoom, record.get("room"), player);
        if (queuedAt == null) {
            assertEquals("in_room", record.get("status"), player);
        }
        return queuedAt;
    }

    @Test
    void aRoomThatIsNotDueYetIsRescheduled() {
        String fresh = room("0000000000001-fresh", "waiting", 1);
        redis.hash(String.class).hset(keys.room(fresh), "created", Long.toString(System.currentTimeMillis()));
        assertInstanceOf(DueOutcome.NotDue.class, rooms.due(List.of(fresh)).await().atMost(WAIT).get(0));
        assertEquals("waiting", lobby.room(fresh).get("state"));
    }

    @Test
    void startPicksTheLeastLoadedLiveNodeAndOnlyOnce() {
        node.announceDead("dead-node", 0);
        node.announce("busy-node", 10);
        node.announce("free-node", 3);
        String room = room("0000000000001-start", "countdown", 0);
        List<String> members = List.of(inRoom(room, 1), inRoom(room, 2), inRoom(room, 3));

        StartOutcome.Started started = assertInstanceOf(StartOutcome.Started.class,
                rooms.start(List::of, List.of(room)).await().atMost(WAIT).get(0));

        assertEquals("free-node", started.nodeId());
        assertEquals(Set.copyOf(members), Set.copyOf(started.members()));
        assertEquals("starting", lobby.room(room).get("state"));
        assertEquals("free-node", lobby.room(room).get("node"));
        assertEquals("free-node", lobby.player(members.get(0)).get("node"));
        assertEquals(6.0, node.load("free-node"), "the members count as the node's load until their match ends");
        var handoffs = redis.stream(String.class).xrange(keys.gameNodeRooms("free-node"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(1, handoffs.size());
        RoomHandoff handoff = RoomHandoff.fromFields(handoffs.get(0).payload(), new MessageCodec());
        assertEquals(room, handoff.roomId());
        assertEquals(Set.copyOf(members), Set.copyOf(handoff.players()));
        assertEquals(1, handoff.epoch(), "the room's first grant");
        assertFalse(handoff.resume());
        PlayerInfo first = handoff.roster().stream().filter(p -> p.id().equals(members.get(0))).findFirst().orElseThrow();
        assertEquals(lobby.player(members.get(0)).get("name"), first.name(), "the roster carries names: the node reads no player hash");
        assertEquals("#ff0000", first.colors().primary());

        assertInstanceOf(StartOutcome.NotStartable.class, rooms.start(List::of, List.of(room)).await().atMost(WAIT).get(0),
                "the second start loses");
    }

    @Test
    void commandsSentFirstRunBeforeTheStartsAndLeaveTheirOutcomesInPlace() {
        node.announce("free-node", 0);
        String room = countdownRoomOfThree("0000000000001-first");
        String marker = keys.keyPrefix() + "test:first";
        // The room's state as the first command sees it: read inside the same pipeline, before start.lua.
        List<StartOutcome> outcomes = rooms.start(() -> List.of(
                        Request.cmd(Command.SET).arg(marker).arg("sent"),
                        Request.cmd(Command.COPY).arg(keys.room(room)).arg(marker + ":room")),
                List.of(room)).await().atMost(WAIT);

        assertEquals(1, outcomes.size());
        assertInstanceOf(StartOutcome.Started.class, outcomes.get(0));
        assertEquals("sent", redis.value(String.class).get(marker));
        assertEquals("countdown", redis.hash(String.class).hget(marker + ":room", "state"), "the first commands ran before the start");
    }

    @Test
    void withoutALiveNodeTheRoomKeepsItsState() {
        node.announceDead("dead-node", 0);
        String room = countdownRoomOfThree("0000000000001-nonode");
        StartOutcome.NoNode noNode = assertInstanceOf(StartOutcome.NoNode.class,
                rooms.start(List::of, List.of(room)).await().atMost(WAIT).get(0));
        assertEquals(3, noNode.room().members().size());
        assertEquals("countdown", lobby.room(room).get("state"));
        assertEquals(List.of("dead-node"), rooms.pruneDeadNodes().await().atMost(WAIT).removed());
    }

    @Test
    void theNodesSettlementDropsNoShowsAndTooFewSendTheRoomBackToWaiting() {
        node.announce("node-a", 0);
        String keeps = room("0000000000001-keeps", "countdown", 0);
        List<String> four = List.of(inRoom(keeps, 1), inRoom(keeps, 2), inRoom(keeps, 3), inRoom(keeps, 4));
        String reverts = room("0000000000002-reverts", "countdown", 0);
        List<String> three = List.of(inRoom(reverts, 5), inRoom(reverts, 6), inRoom(reverts, 7));
        rooms.start(List::of, List.of(keeps, reverts)).await().atMost(WAIT);
        List<NodeEvent> reports = new ArrayList<>(List.of(node.running(keeps), node.running(reverts)));
        reports.add(node.arrived(keeps, four.get(0)));
        assertEquals(0, rooms.applyReports(reports).await().atMost(WAIT), "every report is about the current grant");
        assertEquals("in_game", lobby.player(four.get(0)).get("status"));
        assertEquals(7.0, node.load("node-a"));

        // The node counted three arrivals in the first room (two not reported one by one yet), one in the second.
        List<ArrivalOutcome> outcomes = rooms.settle(List.of(node.settled(keeps, four.subList(0, 3)),
                node.settled(reverts, List.of(three.get(0))))).await().atMost(WAIT);
        ArrivalOutcome.Settled kept = assertInstanceOf(ArrivalOutcome.Settled.class, outcomes.get(0));
        assertTrue(kept.continued());
        assertEquals(List.of(four.get(3)), kept.dropped());
        assertTrue(lobby.player(four.get(3)).isEmpty(), "a dropped player is idle");
        assertEquals("in_game", lobby.player(four.get(2)).get("status"), "the settlement counts as their arrival");
        assertEquals(Set.copyOf(four.subList(0, 3)), lobby.members(keeps));
        assertNull(lobby.score(keys.roomDeadlines(), keeps), "settled: no deadline left");

        ArrivalOutcome.Settled back = assertInstanceOf(ArrivalOutcome.Settled.class, outcomes.get(1));
        assertFalse(back.continued());
        assertEquals(Set.copyOf(three.subList(1, 3)), Set.copyOf(back.dropped()));
        assertEquals("waiting", lobby.room(reverts).get("state"));
        assertNull(lobby.room(reverts).get("node"));
        assertEquals("in_room", lobby.player(three.get(0)).get("status"));
        assertEquals(1.0, lobby.score(keys.roomsAvailable(), reverts));
        assertEquals(3.0, node.load("node-a"), "the node's load keeps only the three still playing");

        assertInstanceOf(ArrivalOutcome.Unchanged.class, rooms.settle(List.of(node.settled(keeps, List.of()))).await().atMost(WAIT)
                .get(0), "arrivals are settled once per grant");
        assertEquals(Set.copyOf(four.subList(0, 3)), lobby.members(keeps));
    }

    @Test
    void withoutTheNodesSettlementTheMatchmakerWaitsWhileTheNodeLivesThenGoesByArrivals() {
        node.announce("node-a", 0);
        String room = countdownRoomOfThree("0000000000001-fallback");
        List<String> members = List.copyOf(lobby.members(room));
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        rooms.applyReports(List.of(node.running(room), node.arrived(room, members.get(0)))).await().atMost(WAIT);
        redis.sortedSet(String.class).zadd(keys.roomDeadlines(), 1.0, room);

        assertInstanceOf(ArrivalOutcome.Unchanged.class, rooms.checkArrivals(List.of(room)).await().atMost(WAIT).get(0),
                "a live node is only slow: its players keep their room");
        assertTrue(lobby.score(keys.roomDeadlines(), room) > System.currentTimeMillis(), "another window");

        redis.key().del(keys.gameNodeHeartbeat("node-a"));
        redis.sortedSet(String.class).zadd(keys.roomDeadlines(), 1.0, room);
        ArrivalOutcome.Settled settled = assertInstanceOf(ArrivalOutcome.Settled.class,
                rooms.checkArrivals(List.of(room)).await().atMost(WAIT).get(0));
        assertFalse(settled.continued(), "the dead node's room had one arrival: back to waiting");
        assertEquals("waiting", lobby.room(room).get("state"));
        assertEquals(Set.of(members.get(0)), lobby.members(room));
    }

    @Test
    void aRoomRunsWhenItsNodeSaysSoAndItsArrivalDeadlineCountsFromThen() {
        node.announce("node-a", 0);
        String room = countdownRoomOfThree("0000000000001-runs");
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        double startDeadline = lobby.score(keys.roomDeadlines(), room);

        long before = System.currentTimeMillis();
        assertEquals(0, rooms.applyReports(List.of(node.running(room))).await().atMost(WAIT));

        assertEquals("running", lobby.room(room).get("state"));
        double arrivalDeadline = lobby.score(keys.roomDeadlines(), room);
        assertTrue(arrivalDeadline >= before + Duration.ofSeconds(60).toMillis(), "arrival timeout (60 s here) from the report");
        assertTrue(arrivalDeadline != startDeadline);
        assertTrue(redis.key().pttl(keys.room(room)) > RedisKeys.ROOM_TTL.plusSeconds(30).toMillis(),
                "the room lives until its match is surely over");
    }

    @Test
    void aReportAboutAnOlderGrantChangesNothing() {
        node.announce("node-a", 0);
        String room = countdownRoomOfThree("0000000000001-fenced");
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        String member = lobby.members(room).iterator().next();
        NodeEvent current = node.running(room);
        NodeEvent older = NodeEvent.running(room, current.nodeId(), current.epoch() - 1, current.endsAt());
        NodeEvent otherNode = NodeEvent.arrived(room, "node-b", current.epoch(), member);

        assertEquals(3, rooms.applyReports(List.of(older, otherNode, NodeEvent.ended(room, "node-a", current.epoch() + 1)))
                .await().atMost(WAIT), "all three are stale");
        assertEquals("starting", lobby.room(room).get("state"));
        assertEquals("in_room", lobby.player(member).get("status"));
    }

    @Test
    void anEndedMatchFreesItsPlayersAndTheNode() {
        node.announce("node-a", 2);
        String room = countdownRoomOfThree("0000000000001-ends");
        Set<String> members = lobby.members(room);
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        rooms.applyReports(List.of(node.running(room))).await().atMost(WAIT);
        assertEquals(5.0, node.load("node-a"));

        assertEquals(0, rooms.applyReports(List.of(node.ended(room))).await().atMost(WAIT));

        assertTrue(lobby.room(room).isEmpty(), "the room is gone");
        assertTrue(lobby.members(room).isEmpty());
        assertNull(lobby.score(keys.roomDeadlines(), room));
        members.forEach(player -> assertTrue(lobby.player(player).isEmpty(), "the player is idle again"));
        assertEquals(2.0, node.load("node-a"), "the node's load gives back the room's players");
    }

    @Test
    void aNodeAtCapacityGetsNoRoomAndAnotherWithRoomDoes() {
        node.announce("full-node", 3, 5);
        String room = countdownRoomOfThree("0000000000001-capacity");
        assertInstanceOf(StartOutcome.NoNode.class, rooms.start(List::of, List.of(room)).await().atMost(WAIT).get(0),
                "3 running plus 3 is above a capacity of 5");
        assertEquals("countdown", lobby.room(room).get("state"), "the room waits for a free node");

        node.announce("roomy-node", 8, 11);
        StartOutcome.Started started = assertInstanceOf(StartOutcome.Started.class,
                rooms.start(List::of, List.of(room)).await().atMost(WAIT).get(0));
        assertEquals("roomy-node", started.nodeId(), "the busier node is the one with room to spare");
    }

    @Test
    void aRoomItsNodeNeverReportsRunningIsDissolvedAtItsStartDeadline() {
        node.announce("node-a", 0);
        String room = countdownRoomOfThree("0000000000001-unstarted");
        Set<String> members = lobby.members(room);
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        assertEquals(DueOutcome.NotDue.class, rooms.due(List.of(room)).await().atMost(WAIT).get(0).getClass(),
                "the node still has time");
        redis.sortedSet(String.class).zadd(keys.roomDeadlines(), 1.0, room);

        DueOutcome.Dissolved dissolved = assertInstanceOf(DueOutcome.Dissolved.class, rooms.due(List.of(room)).await().atMost(WAIT).get(0));

        assertEquals(members, Set.copyOf(dissolved.requeued()));
        members.forEach(player -> assertRequeued(player, room));
        assertEquals(0.0, node.load("node-a"), "the grant's players are given back");
    }

    @Test
    void aLostNodesRunningRoomIsGrantedToALiveNodeUnderANewEpochAndResumes() {
        node.announce("node-a", 0);
        String room = countdownRoomOfThree("0000000000001-takeover");
        Set<String> members = lobby.members(room);
        rooms.start(List::of, List.of(room)).await().atMost(WAIT);
        NodeEvent running = node.running(room);
        rooms.applyReports(List.of(running)).await().atMost(WAIT);
        node.announce("node-b", 1);
        assertTrue(takeOverLost().isEmpty(), "nothing to take while node-a lives");

        redis.key().del(keys.gameNodeHeartbeat("node-a"));
        RoomStore.NodeCheck check = rooms.pruneDeadNodes().await().atMost(WAIT);
        assertEquals(List.of("node-a"), check.removed());
        assertEquals(List.of("node-a"), check.lost(), "node-a had a room granted");
        List<StartOutcome.Started> moved = rooms.takeOver(check.lost()).await().atMost(WAIT);

        assertEquals(1, moved.size());
        assertEquals(room, moved.get(0).roomId());
        assertEquals("node-b", moved.get(0).nodeId());
        assertEquals(members, Set.copyOf(moved.get(0).members()));
        assertEquals("running", lobby.room(room).get("state"), "the match goes on");
        assertEquals("node-b", lobby.room(room).get("node"));
        assertEquals("2", lobby.room(room).get("epoch"), "a new grant");
        members.forEach(player -> assertEquals("node-b", lobby.player(player).get("node"), "the lobby sends players to node-b"));
        assertEquals(4.0, node.load("node-b"));
        var handoffs = redis.stream(String.class).xrange(keys.gameNodeRooms("node-b"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        RoomHandoff handoff = RoomHandoff.fromFields(handoffs.get(0).payload(), new MessageCodec());
        assertEquals(room, handoff.roomId());
        assertEquals(2, handoff.epoch());
        assertTrue(handoff.resume(), "node-b restores the match from its snapshot");
        assertEquals(members, Set.copyOf(handoff.players()));
        assertEquals(Set.of(room), redis.set(String.class).smembers(keys.gameNodeGranted("node-b")));
        assertTrue(redis.set(String.class).smembers(keys.gameNodeGranted("node-a")).isEmpty());
        assertTrue(redis.set(String.class).smembers(keys.gameNodesLost()).isEmpty(), "node-a has nothing left to move");
        assertEquals(1, rooms.applyReports(List.of(NodeEvent.ended(room, "node-a", running.epoch()))).await().atMost(WAIT),
                "node-a, if it comes back, can no longer end the room");
        assertEquals("running", lobby.room(room).get("state"));
        assertTrue(takeOverLost().isEmpty(), "taken over once");
    }

    @Test
    void aLostNodesRoomWaitsForANodeWithRoomAndStaysWithTheNodeIfItComesBack() {
        node.announce("node-a", 0);
        String first = countdownRoomOfThree("0000000000001-takeover-waits");
        rooms.start(List::of, List.of(first)).await().atMost(WAIT);
        rooms.applyReports(List.of(node.running(first))).await().atMost(WAIT);
        String second = countdownRoomOfThree("0000000000002-takeover-back");
        rooms.start(List::of, List.of(second)).await().atMost(WAIT);
        node.announce("full-node", 3, 5);

        redis.key().del(keys.gameNodeHeartbeat("node-a"));
        assertTrue(takeOverLost().isEmpty(), "no node has room for three more");
        assertEquals("node-a", lobby.room(first).get("node"));
        assertEquals(Set.of("node-a"), redis.set(String.class).smembers(keys.gameNodesLost()), "tried again at the next sweep");

        node.announce("node-a", 6);
        assertTrue(takeOverLost().isEmpty(), "node-a is back: its rooms stay with it");
        assertTrue(redis.set(String.class).smembers(keys.gameNodesLost()).isEmpty());
        assertEquals("1", lobby.room(first).get("epoch"));
        assertEquals(Set.of(first, second), redis.set(String.class).smembers(keys.gameNodeGranted("node-a")));

        redis.key().del(keys.gameNodeHeartbeat("node-a"));
        rooms.pruneDeadNodes().await().atMost(WAIT);
        node.announce("roomy-node", 0);
        List<StartOutcome.Started> moved = takeOverLost();
        assertEquals(Set.of(first, second), Set.copyOf(moved.stream().map(StartOutcome::roomId).toList()));
        assertEquals("starting", lobby.room(second).get("state"), "a room not yet running starts afresh on its new node");
        assertTrue(lobby.score(keys.roomDeadlines(), second) > System.currentTimeMillis(), "with a new start deadline");
    }

    @Test
    void theRoomListingReadsSliceAfterSliceAndStopsAtItsLimit() {
        int count = 2 * RoomStore.ROOMS_PER_CALL + 3;
        long later = System.currentTimeMillis() + Duration.ofHours(1).toMillis(); // never due while the test runs
        for (int i = 0; i < count; i++) {
            String id = String.format("%013d-list", i);
            room(id, i % 2 == 0 ? "waiting" : "countdown", 1 + i % 5);
            redis.sortedSet(String.class).zadd(keys.roomDeadlines(), later + i, id);
        }
        // A room whose hash expired is skipped; the slices go on after it.
        redis.key().del(keys.room(String.format("%013d-list", 1)));

        List<RoomSummary> all = rooms.rooms(10 * count).await().atMost(WAIT);
        assertEquals(count - 1, all.size());
        assertEquals(String.format("%013d-list", 0), all.get(0).roomId());
        assertEquals(String.format("%013d-list", count - 1), all.get(count - 2).roomId());
        assertEquals(RoomState.COUNTDOWN, all.get(count - 3).state()); // the room before it, an odd one
        assertEquals(RoomState.WAITING, all.get(count - 2).state());
        assertEquals(1 + (count - 1) % 5, all.get(count - 2).members());
        assertEquals(RoomStore.ROOMS_PER_CALL + 1, rooms.rooms(RoomStore.ROOMS_PER_CALL + 2).await().atMost(WAIT).size());
    }

    private LeaveOutcome leave(String player, LobbyEvent.Type type) {
        String room = lobby.player(player).getOrDefault("room", "");
        return rooms.leave(List.of(new LobbyEvent(type, player, System.currentTimeMillis(), room))).await().atMost(WAIT);
    }

    private AssignOutcome assign(String player) {
        return rooms.assign(List.of(player)).await().atMost(WAIT).get(0);
    }

    private String queued(long at) {
        String id = UUID.randomUUID().toString();
        lobby.store(id, at);
        return id;
    }

    // A room as assign.lua would have left it, with {@code count} anonymous members.
    private String room(String id, String state, int count) {
        redis.hash(String.class).hset(keys.room(id), Map.of("state", state, "created", Long.toString(System.currentTimeMillis())));
        for (int i = 0; i < count; i++) {
            redis.set(String.class).sadd(keys.roomPlayers(id), UUID.randomUUID().toString());
        }
        redis.sortedSet(String.class).zadd(keys.roomsAvailable(), count, id);
        return id;
    }

    /** A room in its countdown with three members. */
    private String countdownRoomOfThree(String id) {
        String room = room(id, "countdown", 0);
        for (int i = 1; i <= 3; i++) {
            inRoom(room, i);
        }
        return room;
    }

    private String inRoom(String room, long joinedAt) {
        String id = queued(joinedAt);
        redis.sortedSet(String.class).zrem(keys.playersQueue(), id);
        redis.hash(String.class).hset(keys.player(id), Map.of("status", "in_room", "room", room));
        redis.set(String.class).sadd(keys.roomPlayers(room), id);
        return id;
    }
}
