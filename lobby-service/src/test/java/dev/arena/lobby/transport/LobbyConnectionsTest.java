package dev.arena.lobby.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.lobby.domain.QueueMetrics;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.state.PlayerStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What each tick of the status round reads from the sockets held: its presence slice and the queued
 * players it asks for; and that the registry stays consistent when two event loops change one player.
 */
class LobbyConnectionsTest {

    private static final int SLICES = 50;

    private final LobbyConnections connections = new LobbyConnections(new QueueMetrics(new SimpleMeterRegistry()), SLICES);

    @Test
    void aTickReadsItsPresenceSliceAndTheQueuedPlayersItAsksForEachOnce() {
        Set<String> players = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String player = UUID.randomUUID().toString();
            players.add(player);
            connections.register(player, socket("sid-" + player));
        }
        Set<String> queued = players.stream().limit(40).collect(Collectors.toSet());
        queued.forEach(player -> connections.told(player, PlayerStatus.QUEUED));
        String placed = queued.iterator().next();
        assertTrue(connections.toldInstead(placed, PlayerStatus.QUEUED, PlayerStatus.IN_ROOM));

        Set<String> seen = new HashSet<>();
        for (int slice = 0; slice < SLICES; slice++) {
            int tick = slice;
            List<PresenceStore.Online> online = connections.online(tick, player -> true);
            Set<String> ids = online.stream().map(PresenceStore.Online::playerId).collect(Collectors.toSet());
            assertEquals(online.size(), ids.size(), "each player once per tick");
            Set<String> expected = players.stream()
                    .filter(player -> Math.floorMod(player.hashCode(), SLICES) == tick
                            || queued.contains(player) && !player.equals(placed))
                    .collect(Collectors.toSet());
            assertEquals(expected, ids, "slice " + tick);
            online.forEach(o -> assertEquals("sid-" + o.playerId(), o.sid()));
            seen.addAll(ids);
        }
        assertEquals(players, seen, "every player's presence in one of the ticks");
        Map<String, PlayerStatus> told = connections.online(0, player -> true).stream()
                .filter(o -> o.lastTold() != null).collect(Collectors.toMap(PresenceStore.Online::playerId, PresenceStore.Online::lastTold));
        told.forEach((player, status) -> assertEquals(player.equals(placed) ? PlayerStatus.IN_ROOM : PlayerStatus.QUEUED, status));
    }

    @Test
    void aReplacedSocketLeavesThePlayerHeldAndTheLastSocketsCloseForgetsThem() {
        String player = UUID.randomUUID().toString();
        int slice = Math.floorMod(player.hashCode(), SLICES);
        WebSocketConnection older = socket("older");
        WebSocketConnection newer = socket("newer");
        connections.register(player, older);
        assertEquals(older, connections.register(player, newer).orElseThrow());
        connections.told(player, PlayerStatus.QUEUED);

        assertFalse(connections.unregister(player, older), "replaced already");
        assertEquals(List.of("newer"), connections.online(slice, p -> true).stream().map(PresenceStore.Online::sid).toList());

        assertTrue(connections.unregister(player, newer));
        assertTrue(connections.online(slice, p -> true).isEmpty());
        assertTrue(connections.online((slice + 1) % SLICES, p -> true).isEmpty(), "no longer among the queued");
        assertEquals(null, connections.told(player, PlayerStatus.QUEUED), "nothing is recorded for a player not held");
    }

    @Test
    void aStatusToldWhileTheSocketClosesOnAnotherEventLoopLeavesNothingBehind() throws Exception {
        int players = 20_000;
        List<String> ids = new ArrayList<>();
        List<WebSocketConnection> sockets = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            ids.add(UUID.randomUUID().toString());
            sockets.add(socket("sid-" + i));
            connections.register(ids.get(i), sockets.get(i));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            Future<?> telling = loops.submit(() -> {
                start.await();
                ids.forEach(player -> connections.told(player, PlayerStatus.QUEUED));
                return null;
            });
            Future<?> closing = loops.submit(() -> {
                start.await();
                for (int i = 0; i < players; i++) {
                    connections.unregister(ids.get(i), sockets.get(i));
                }
                return null;
            });
            telling.get(1, TimeUnit.MINUTES);
            closing.get(1, TimeUnit.MINUTES);
        } finally {
            loops.shutdownNow();
        }

        Set<String> stillQueued = new HashSet<>();
        connections.online(0, stillQueued::add);
        assertEquals(Set.of(), stillQueued, "queued players recorded for sockets no longer held");
    }

    @Test
    void aSocketKeepsTheHighestNumberItWasGivenAndOnlyItsOwn() {
        LobbyConnections oneSlice = new LobbyConnections(new QueueMetrics(new SimpleMeterRegistry()), 1);
        String player = UUID.randomUUID().toString();
        oneSlice.register(player, socket("older"));
        assertEquals(PresenceStore.NEW_SOCKET, oneSlice.online(0, id -> true).get(0).seq(), "numbered only by Redis");
        oneSlice.register(player, socket("newer"));
        // The open's refresh and a status round may both number a new socket; Redis kept the higher.
        oneSlice.numbered(new PresenceStore.Online(player, "newer", 8, null));
        oneSlice.numbered(new PresenceStore.Online(player, "newer", 7, null));
        oneSlice.numbered(new PresenceStore.Online(player, "older", 9, null));
        assertEquals(8, oneSlice.online(0, id -> true).get(0).seq());
    }

    /** A stand-in for a socket: its id, that it is open and its user data are all the registry reads. */
    private static WebSocketConnection socket(String id) {
        UserData userData = new MapUserData();
        return (WebSocketConnection) Proxy.newProxyInstance(LobbyConnectionsTest.class.getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "isOpen" -> true;
                    case "userData" -> userData;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "socket " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A socket's user data as a map, as websockets-next keeps it. */
    private static final class MapUserData implements UserData {
        private final Map<TypedKey<?>, Object> values = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get(TypedKey<V> key) {
            return (V) values.get(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V put(TypedKey<V> key, V value) {
            return (V) values.put(key, value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V remove(TypedKey<V> key) {
            return (V) values.remove(key);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public void clear() {
            values.clear();
        }
    }
}
