package dev.arena.matchmaker.transport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.matchmaker.domain.Notices;
import dev.arena.matchmaker.support.RoomEvents;
import dev.arena.matchmaker.support.ShardProfile;
import dev.arena.matchmaker.support.TestGameNode;
import dev.arena.matchmaker.support.TestLobby;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage.MatchReady;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.protocol.LobbyServerMessage.RoomUpdate;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import dev.arena.testsupport.Await;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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

/** From join events (written as the lobby's enqueue.lua does) to room.update and match.ready on room-events. */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(MatchmakingFlowTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class MatchmakingFlowTest {

    /** Short timings, so countdowns, expiries and arrival checks happen within the test. */
    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> timings() {
            return Map.of("arena.matchmaker.countdown", COUNTDOWN.toMillis() + "ms", "arena.matchmaker.wait-timeout", "2s",
                    "arena.matchmaker.arrival-timeout", "1s", "arena.matchmaker.sweep-interval", "200ms",
                    "arena.matchmaker.claim-timeout", "2s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(6);
    private static final Duration COUNTDOWN = Duration.ofSeconds(1);

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MessageCodec codec;

    TestLobby lobby;
    TestGameNode node;
    RoomEvents events;

    @BeforeEach
    void setUp() {
        lobby = new TestLobby(redis, keys);
        node = new TestGameNode(redis, keys);
        lobby.cleanUp();
        events = new RoomEvents(redis, keys, codec);
    }

    @AfterEach
    void tearDown() {
        events.close();
        lobby.cleanUp();
    }

    @Test
    void threePlayersGetACountdownThenMatchReady() {
        node.announce("node-1", 0);
        List<String> players = enqueue(3);

        PlayerNotice countdown = events.await(notice -> notice.players().containsAll(players)
                && notice.message() instanceof RoomUpdate update && update.state() == RoomState.COUNTDOWN, WAIT);
        RoomUpdate update = (RoomUpdate) countdown.message();
        assertNotNull(update.countdownDeadline());
        assertEquals(3, update.members().size());
        assertEquals(Set.copyOf(players), Set.copyOf(update.members().stream().map(m -> m.id()).toList()));

        PlayerNotice ready = events.await(notice -> notice.message() instanceof MatchReady, WAIT);
        MatchReady match = (MatchReady) ready.message();
        long readyAt = System.currentTimeMillis();
        assertEquals(Set.copyOf(players), Set.copyOf(ready.players()));
        assertEquals(update.roomId(), match.roomId());
        assertEquals("/game/node-1/" + update.roomId(), match.url());
        assertTrue(readyAt >= update.countdownDeadline() - 50, "starts at the end of the countdown");
        assertEquals("node-1", lobby.player(players.get(0)).get("node"));
    }

    @Test
    void fivePlayersStartAtOnceAndTheSixthOpensANewRoom() {
        node.announce("node-1", 0);
        long enqueuedAt = System.currentTimeMillis();
        List<String> players = enqueue(6);

        PlayerNotice ready = events.await(notice -> notice.message() instanceof MatchReady, WAIT);
        long readyAt = System.currentTimeMillis();
        assertEquals(Set.copyOf(players.subList(0, 5)), Set.copyOf(ready.players()), "the five oldest");
        assertTrue(readyAt - enqueuedAt < COUNTDOWN.toMillis(), "no wait for the countdown at 5: " + (readyAt - enqueuedAt) + " ms");
        // The room is told it is full by its match.ready alone: no room.update of five went out before it.
        String full = ((MatchReady) ready.message()).roomId();
        assertTrue(events.received().stream().noneMatch(notice -> notice.message() instanceof RoomUpdate u
                && u.roomId().equals(full) && u.members().size() == 5), "no room.update of the full room");

        PlayerNotice sixth = events.await(notice -> notice.players().equals(List.of(players.get(5)))
                && notice.message() instanceof RoomUpdate, WAIT);
        RoomUpdate alone = (RoomUpdate) sixth.message();
        assertNotEquals(full, alone.roomId());
        assertEquals(RoomState.WAITING, alone.state());
    }

    @Test
    void aRoomsUpdatesGoOutInTheOrderItsMembersJoined() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            lobby.enqueue(System.currentTimeMillis());
            Thread.sleep(25); // most joins in a batch of their own: the room is told about several times
        }
        PlayerNotice four = events.await(notice -> notice.message() instanceof RoomUpdate u && u.members().size() == 4, WAIT);
        String room = ((RoomUpdate) four.message()).roomId();

        // the join consumer tells one batch's rooms while it places the next: the order must hold
        List<Integer> sizes = events.received().stream()
                .filter(notice -> notice.message() instanceof RoomUpdate u && u.roomId().equals(room))
                .map(notice -> ((RoomUpdate) notice.message()).members().size()).toList();
        assertTrue(sizes.size() > 1, "told more than once: " + sizes);
        assertEquals(sizes.stream().sorted().toList(), sizes, "a member never hears of an older room after a newer one");
    }

    @Test
    void joinsADeadMatchmakerReadButNeverHandledAreTakenOver() {
        String player = UUID.randomUUID().toString();
        long at = System.currentTimeMillis();
        lobby.store(player, at);
        // a matchmaker read the join (atomically with its XADD: before this one could) and died before placing the player
        redis.execute("EVAL", """
                redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[3], '0', 'MKSTREAM')
                local event = redis.call('XADD', KEYS[1], '*', 'type', 'join', 'player', ARGV[1], 'at', ARGV[2])
                redis.call('XREADGROUP', 'GROUP', ARGV[3], 'dead-matchmaker', 'COUNT', 1, 'STREAMS', KEYS[1], '>')
                return event""", "1", keys.lobbyJoins(), player, Long.toString(at), RedisKeys.MATCHMAKER_GROUP);

        PlayerNotice placed = events.await(notice -> notice.players().equals(List.of(player))
                && notice.message() instanceof RoomUpdate, WAIT);
        assertEquals(((RoomUpdate) placed.message()).roomId(), lobby.player(player).get("room"));
        assertEquals(0L, redis.execute("XPENDING", keys.lobbyJoins(), RedisKeys.MATCHMAKER_GROUP).get(0).toLong(),
                "the entry is acknowledged once handled");
    }

    @Test
    void aTwoPlayerRoomExpiresAndItsPlayersAreQueuedAgainWithTheirOriginalTimes() {
        long t0 = System.currentTimeMillis() - 10_000;
        List<String> players = List.of(lobby.enqueue(t0), lobby.enqueue(t0 + 1));
        PlayerNotice waiting = events.await(notice -> notice.players().containsAll(players)
                && notice.message() instanceof RoomUpdate, WAIT);
        String first = ((RoomUpdate) waiting.message()).roomId();

        // after the wait timeout the room is dissolved; the new join events place both again
        PlayerNotice again = events.await(notice -> notice.players().containsAll(players)
                && notice.message() instanceof RoomUpdate u && !u.roomId().equals(first), WAIT);
        assertTrue(lobby.room(first).isEmpty(), "the expired room is gone");
        assertEquals(Long.toString(t0), lobby.player(players.get(0)).get("joined_timestamp"));
        assertEquals(((RoomUpdate) again.message()).roomId(), lobby.player(players.get(1)).get("room"));
    }

    @Test
    void aMemberWhoDoesNotReachTheGameIsDropped() {
        node.announce("node-1", 0);
        List<String> players = enqueue(4);
        PlayerNotice ready = events.await(notice -> notice.message() instanceof MatchReady
                && notice.players().size() == 4, WAIT);
        String room = ((MatchReady) ready.message()).roomId();
        node.report(node.running(room));
        players.subList(0, 3).forEach(player -> node.report(node.arrived(room, player)));
        node.report(node.settled(room, players.subList(0, 3)));

        PlayerNotice dropped = events.await(notice -> notice.message() instanceof ErrorMessage, WAIT);
        assertEquals(List.of(players.get(3)), dropped.players());
        assertEquals("arrival_timeout", ((ErrorMessage) dropped.message()).code());
        assertTrue(lobby.player(players.get(3)).isEmpty(), "the dropped player is idle");
        assertEquals(Set.copyOf(players.subList(0, 3)), lobby.members(room));
        assertEquals("running", lobby.room(room).get("state"), "the match goes on with three");
    }

    @Test
    void aRoomWaitingForAFreeNodeStartsWhenTheNodesMatchEnds() {
        node.announce("node-1", 0, 5);
        List<String> first = enqueue(5);
        PlayerNotice firstReady = events.await(notice -> notice.message() instanceof MatchReady
                && notice.players().containsAll(first), WAIT);
        String firstRoom = ((MatchReady) firstReady.message()).roomId();
        node.report(node.running(firstRoom));
        first.forEach(player -> node.report(node.arrived(firstRoom, player)));

        List<String> second = enqueue(5);
        PlayerNotice waiting = events.await(notice -> notice.message() instanceof RoomUpdate update
                && Notices.WAITING_FOR_NODE.equals(update.message()) && notice.players().containsAll(second), WAIT);
        String secondRoom = ((RoomUpdate) waiting.message()).roomId();
        assertEquals(5.0, node.load("node-1"), "the node at its capacity got no second room");
        Await.until(() -> "in_game".equals(lobby.player(first.get(4)).get("status")), WAIT, "the first room's arrivals applied");
        assertEquals("running", lobby.room(firstRoom).get("state"));

        node.report(node.ended(firstRoom));
        PlayerNotice secondReady = events.await(notice -> notice.message() instanceof MatchReady
                && notice.players().containsAll(second), WAIT);
        assertEquals("/game/node-1/" + secondRoom, ((MatchReady) secondReady.message()).url());
        first.forEach(player -> assertTrue(lobby.player(player).isEmpty(), "the first match's players are idle again"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(sum(metrics, "arena_matchmaker_node_reports_total") >= 2, "node reports counted");
    }

    @Test
    void aLeaveTakesTheMemberOutAndTheOthersAndTheLeaverHearOfItOnce() {
        List<String> players = enqueue(2);
        PlayerNotice both = events.await(notice -> notice.players().containsAll(players)
                && notice.message() instanceof RoomUpdate, WAIT);
        String room = ((RoomUpdate) both.message()).roomId();
        // the lobby's leave.lua for a member of a waiting room: the request, the room untouched
        int heardBefore = events.received().size();
        redis.stream(String.class).xadd(keys.lobbyJoins(),
                new LobbyEvent(LobbyEvent.Type.LEAVE, players.get(1), System.currentTimeMillis(), room).toFields());

        PlayerNotice update = events.await(notice -> notice.players().equals(List.of(players.get(0)))
                && notice.message() instanceof RoomUpdate u && u.members().size() == 1, WAIT);
        assertEquals(room, ((RoomUpdate) update.message()).roomId());
        PlayerNotice answer = events.await(notice -> notice.players().equals(List.of(players.get(1)))
                && notice.message() instanceof QueueStatus, WAIT);
        assertEquals(PlayerStatus.IDLE, ((QueueStatus) answer.message()).status());
        assertEquals(Set.of(players.get(0)), lobby.members(room));
        assertTrue(lobby.player(players.get(1)).isEmpty());
        List<PlayerNotice> received = events.received();
        long roomUpdates = received.subList(heardBefore, received.size()).stream().filter(notice -> notice.message() instanceof RoomUpdate u
                && room.equals(u.roomId()) && u.members().size() == 1).count();
        assertEquals(1, roomUpdates, "the leave is announced once, by the matchmaker");
    }

    @Test
    void theMetricsCountPlacementsBatchesQueueAndRooms() {
        List<String> players = enqueue(3);
        events.await(notice -> notice.players().containsAll(players) && notice.message() instanceof RoomUpdate, WAIT);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(sum(metrics, "arena_matchmaker_assignments_total") >= 3, "assignments (per second: its rate)");
        assertTrue(sum(metrics, "arena_matchmaker_join_to_room_seconds_count") >= 3, "join-to-room time, a histogram");
        assertTrue(metrics.contains("arena_matchmaker_join_to_room_seconds_bucket{"), "with buckets");
        assertTrue(sum(metrics, "arena_matchmaker_join_batch_size_count") >= 1, "batch sizes");
        assertTrue(metrics.contains("arena_matchmaker_queue_length "), "queue length");
        assertTrue(metrics.contains("arena_matchmaker_rooms{state=\"countdown\""), "rooms per state");
    }

    // The sum of the samples of one metric (all its label sets) in Prometheus' text format.
    private static double sum(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private List<String> enqueue(int count) {
        long now = System.currentTimeMillis();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            players.add(lobby.enqueue(now + i));
        }
        return players;
    }
}
