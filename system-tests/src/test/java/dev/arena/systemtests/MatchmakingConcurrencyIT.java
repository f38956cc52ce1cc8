package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.systemtests.harness.MatchmakingStack;
import dev.arena.systemtests.harness.RedisClient;
import dev.arena.systemtests.harness.StandInGameNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 4's concurrency test: one lobby and two matchmakers at once (child processes from the
 * packaged jars), thousands of players joining through {@code POST /lobby/api/queue} and a random
 * fifth leaving at random moments through {@code DELETE /lobby/api/queue}. When the queue is quiet,
 * the invariants of docs/matchmaking.md are checked from Redis: no player in two rooms, no room
 * above 5, every player exactly one of queued / in a room / gone by their own leave (as the lobby
 * answered the leave: 200 idle, 409 already in a match, or 202 and later one of the two), every room's members name that room,
 * and {@code rooms:available} holds exactly the open rooms below 5 with their counts.
 *
 * <p>Two stand-in game nodes (heartbeat with a capacity, {@code game:nodes}) take the started rooms,
 * report them running and their members arrived, as a node does, so the arrival check drops nobody,
 * and end a random share of their matches after a random delay (reported ended: those players
 * must be idle again). Their capacities together hold fewer players than join, so some rooms wait
 * for a free node until matches end. On top of the invariants above: no room granted to two
 * nodes under one grant, each grant handed over once, and each node's load in {@code game:nodes}
 * equal to the members of the rooms granted to it. Countdowns are 1 s so full-enough rooms start
 * while the test waits.
 */
class MatchmakingConcurrencyIT {

    private static final int PLAYERS = Integer.getInteger("arena.concurrency.players", 3000);
    private static final double LEAVE_SHARE = 0.2;
    /**
     * Requests in flight at once: well above the 30 at which the lobby's Redis pool once gave up
     * (Quarkus' default pool of 6 with 24 waiting answered 500s).
     */
    private static final int MAX_IN_FLIGHT = Integer.getInteger("arena.concurrency.inFlight", 128);
    private static final int MAX_ROOM = 5;
    private static final int MIN_ROOM = 3;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    /** Each node's capacity: together less than the players who stay, until matches end. */
    private static final int NODE_CAPACITY = PLAYERS * 2 / 5;
    private static final double ENDED_SHARE = 0.4;
    private static final Duration MAX_END_DELAY = Duration.ofSeconds(2);

    private static MatchmakingStack stack;

    @BeforeAll
    static void startServices() {
        stack = MatchmakingStack.start(new MatchmakingStack.Options(2, 19181, 19182, "conc", Duration.ofSeconds(1),
                Duration.ofSeconds(15), null, List.of("-Xmx384m"),
                Path.of(System.getProperty("basedir", ".")).resolve("target/matchmaking-it"), Duration.ofSeconds(90)));
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoMatchmakersAndTwoNodesKeepEveryInvariantWhileThousandsJoinLeaveAndPlay() throws Exception {
        long seed = Long.getLong("arena.concurrency.seed", System.nanoTime());
        Random random = new Random(seed);
        List<StandInGameNode> nodes = List.of(stack.node(), stack.addNode("stand-in-2"));
        for (StandInGameNode node : nodes) {
            node.endMatches(NODE_CAPACITY, ENDED_SHARE, MAX_END_DELAY, random.nextLong());
        }
        List<String> ids = new ArrayList<>(PLAYERS);
        for (int i = 0; i < PLAYERS; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<String> tokens = IntStream.range(0, PLAYERS).parallel()
                .mapToObj(i -> stack.keys().playerToken(UUID.fromString(ids.get(i)), "p" + i)).toList();
        boolean[] leaves = new boolean[PLAYERS];
        long[] leaveDelays = new long[PLAYERS];
        for (int i = 0; i < PLAYERS; i++) {
            leaves[i] = random.nextDouble() < LEAVE_SHARE;
            // half leave right after the join was answered (mostly still queued or in a waiting room),
            // half at a random moment within 2.5 s (often in a match by then: 409)
            leaveDelays[i] = random.nextBoolean() ? 0 : random.nextInt(2500);
        }

        AtomicIntegerArray joinStatus = new AtomicIntegerArray(PLAYERS);
        AtomicIntegerArray leaveStatus = new AtomicIntegerArray(PLAYERS);
        Map<String, String> bodies = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> transportErrors = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        try {
            for (int i = 0; i < PLAYERS; i++) {
                int player = i;
                inFlight.acquire();
                CompletableFuture<Void> done = new CompletableFuture<>();
                all.add(done);
                stack.join(tokens.get(player)).whenComplete((response, error) -> {
                    inFlight.release();
                    if (error != null) {
                        transportErrors.add("join of " + ids.get(player) + ": " + error);
                        done.complete(null);
                        return;
                    }
                    joinStatus.set(player, response.statusCode());
                    if (!leaves[player]) {
                        done.complete(null);
                        return;
                    }
                    // The leave comes at a random moment after the join was answered: while queued,
                    // while in a waiting room or a countdown, or after the start (then 409).
                    timer.schedule(() -> {
                        inFlight.acquireUninterruptibly();
                        stack.leave(tokens.get(player)).whenComplete((left, leaveError) -> {
                            inFlight.release();
                            if (leaveError != null) {
                                transportErrors.add("leave of " + ids.get(player) + ": " + leaveError);
                            } else {
                                leaveStatus.set(player, left.statusCode());
                                if (left.statusCode() != 200) {
                                    bodies.put(ids.get(player), left.body());
                                }
                            }
                            done.complete(null);
                        });
                    }, leaveDelays[player], TimeUnit.MILLISECONDS);
                });
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            timer.shutdownNow();
        }

        Snapshot snapshot = awaitQuiet(ids, nodes);
        Set<String> ended = new HashSet<>();
        nodes.forEach(node -> ended.addAll(node.endedPlayers()));

        List<String> badAnswers = new ArrayList<>();
        int leftOk = 0;
        int leftInMatch = 0;
        int leftUnconfirmed = 0;
        for (int i = 0; i < PLAYERS; i++) {
            if (joinStatus.get(i) != 202) {
                badAnswers.add("join of " + ids.get(i) + " answered " + joinStatus.get(i));
            }
            int left = leaveStatus.get(i);
            if (leaves[i] && left != 200 && left != 202 && left != 409) {
                badAnswers.add("leave of " + ids.get(i) + " answered " + left + " " + bodies.get(ids.get(i)));
            }
            leftOk += left == 200 ? 1 : 0;
            leftInMatch += left == 409 ? 1 : 0;
            leftUnconfirmed += left == 202 ? 1 : 0;
        }
        System.out.printf("MatchmakingConcurrencyIT: seed %d, %d players, %d left (200), %d leaves refused in a match (409), "
                        + "%d unconfirmed in time (202), %d rooms, %d queued, %d rooms open, %d grants, %d players freed by a match's end%n",
                seed, PLAYERS, leftOk, leftInMatch, leftUnconfirmed, snapshot.rooms.size(), snapshot.queue.size(),
                snapshot.available.size(),
                snapshot.grants.size(), ended.size());

        List<String> twoRooms = new ArrayList<>();
        List<String> overfull = new ArrayList<>();
        List<String> membersWithoutRoom = new ArrayList<>();
        List<String> notExactlyOne = new ArrayList<>();
        List<String> badAvailable = new ArrayList<>();
        List<String> stillQueued = new ArrayList<>();

        Map<String, Set<String>> roomsOf = new HashMap<>();
        snapshot.rooms.forEach((room, info) -> info.members.forEach(m -> roomsOf.computeIfAbsent(m, k -> new HashSet<>()).add(room)));
        roomsOf.forEach((player, rooms) -> {
            if (rooms.size() > 1) {
                twoRooms.add("player " + player + " is in rooms " + rooms);
            }
        });

        snapshot.rooms.forEach((room, info) -> {
            if (info.members.size() > MAX_ROOM) {
                overfull.add("room " + room + " has " + info.members.size() + " players: " + info.members);
            }
            boolean started = "starting".equals(info.state) || "running".equals(info.state);
            if (started && info.members.size() < MIN_ROOM) {
                overfull.add("started room " + room + " (" + info.state + ") has only " + info.members.size() + " players");
            }
            for (String member : info.members) {
                PlayerRecord record = snapshot.players.get(member);
                if (record == null || !room.equals(record.room)) {
                    membersWithoutRoom.add("player " + member + " is a member of room " + room + " (" + info.state
                            + ") but their record says " + (record == null ? "nothing (not one of ours)" : record));
                }
            }
            boolean open = "waiting".equals(info.state) || "countdown".equals(info.state);
            Long score = snapshot.available.get(room);
            if (open && info.members.size() < MAX_ROOM && score == null) {
                badAvailable.add("open room " + room + " (" + info.state + ", " + info.members.size() + " players) is not in rooms:available");
            }
        });

        snapshot.available.forEach((room, score) -> {
            RoomInfo info = snapshot.rooms.get(room);
            if (info == null) {
                badAvailable.add("rooms:available offers room " + room + " (score " + score + ") which has no members set");
            } else if (!"waiting".equals(info.state) && !"countdown".equals(info.state)) {
                badAvailable.add("rooms:available offers room " + room + " in state " + info.state);
            } else if (info.members.size() >= MAX_ROOM) {
                badAvailable.add("rooms:available offers full room " + room + " with " + info.members.size() + " players");
            } else if (score != info.members.size()) {
                badAvailable.add("rooms:available says room " + room + " has " + score + " players, its set has " + info.members.size());
            }
        });

        for (int i = 0; i < PLAYERS; i++) {
            String id = ids.get(i);
            PlayerRecord record = snapshot.players.get(id);
            Set<String> rooms = roomsOf.getOrDefault(id, Set.of());
            boolean inQueue = snapshot.queue.contains(id);
            boolean queued = "queued".equals(record.status) && inQueue && rooms.isEmpty() && record.room == null;
            boolean inRoom = ("in_room".equals(record.status) || "in_game".equals(record.status)) && !inQueue
                    && record.room != null && rooms.equals(Set.of(record.room));
            boolean gone = record.status == null && !inQueue && rooms.isEmpty();
            int left = leaveStatus.get(i);
            if (ended.contains(id)) {
                if (!gone) {
                    notExactlyOne.add("player " + id + "'s match ended but they are " + describe(record, inQueue, rooms));
                }
            } else if (joinStatus.get(i) != 202) {
                // refused (reported above): nothing may be half-written
                if (!gone) {
                    notExactlyOne.add("player " + id + " was refused the join (" + joinStatus.get(i) + ") but is "
                            + describe(record, inQueue, rooms));
                }
            } else if (left == 200 || left == 202 && gone) {
                if (!gone) {
                    notExactlyOne.add("player " + id + " left (200 idle) but is " + describe(record, inQueue, rooms));
                }
            } else if (left == 409 || left == 202) {
                // 202: the matchmaker had not confirmed in time; since then it took the player out or their match started
                RoomInfo room = record.room == null ? null : snapshot.rooms.get(record.room);
                if (!inRoom || room == null || !("starting".equals(room.state) || "running".equals(room.state))) {
                    notExactlyOne.add("player " + id + " was refused the leave (" + left + ") but is "
                            + describe(record, inQueue, rooms) + (room == null ? "" : ", room state " + room.state));
                }
            } else if (!(queued ^ inRoom) || gone) {
                notExactlyOne.add("player " + id + " joined and did not leave, but is " + describe(record, inQueue, rooms)
                        + (gone ? " (join lost)" : ""));
            }
            if (queued) {
                stillQueued.add("player " + id + " is still queued after every join event was consumed (since "
                        + record.joined + ")");
            }
        }
        for (String queuedId : snapshot.queue) {
            if (!snapshot.players.containsKey(queuedId)) {
                notExactlyOne.add("players_queue holds " + queuedId + ", who never joined in this test");
            }
        }

        List<String> twoNodes = new ArrayList<>();
        List<String> grantedTwice = new ArrayList<>();
        Map<String, List<Grant>> grantsByRoom = new HashMap<>();
        snapshot.grants.forEach(grant -> grantsByRoom.computeIfAbsent(grant.room(), r -> new ArrayList<>()).add(grant));
        grantsByRoom.forEach((room, grants) -> {
            Map<Long, List<Grant>> byEpoch = new HashMap<>();
            grants.forEach(grant -> byEpoch.computeIfAbsent(grant.epoch(), e -> new ArrayList<>()).add(grant));
            byEpoch.forEach((epoch, same) -> {
                if (same.stream().map(Grant::node).distinct().count() > 1) {
                    twoNodes.add("room " + room + " was granted to " + same + " under epoch " + epoch);
                } else if (same.size() > 1) {
                    grantedTwice.add("room " + room + " was handed to " + same.get(0).node() + " " + same.size() + " times under epoch " + epoch);
                }
            });
        });
        Map<String, Long> expectedLoad = new HashMap<>();
        snapshot.rooms.forEach((room, info) -> {
            if ("starting".equals(info.state) || "running".equals(info.state)) {
                expectedLoad.merge(info.node, (long) info.members.size(), Long::sum);
                boolean handed = grantsByRoom.getOrDefault(room, List.of()).stream()
                        .anyMatch(grant -> grant.node().equals(info.node) && grant.epoch() == info.epoch);
                if (!handed) {
                    twoNodes.add("room " + room + " is " + info.state + " on " + info.node + " under epoch " + info.epoch
                            + " but that node was never handed it: " + grantsByRoom.get(room));
                }
            }
        });
        List<String> badLoad = new ArrayList<>();
        for (StandInGameNode node : nodes) {
            long expected = expectedLoad.getOrDefault(node.nodeId(), 0L);
            Long counted = snapshot.loads.get(node.nodeId());
            if (counted == null || counted != expected) {
                badLoad.add("node " + node.nodeId() + " counts " + counted + " players in game:nodes, its rooms hold " + expected);
            }
        }

        assertAll("matchmaking invariants (seed " + seed + ", logs in " + stack.services().get(0).log().getParent() + ")",
                check("no room granted to two nodes at once, and a started room's node was handed it", twoNodes),
                check("every grant handed over once", grantedTwice),
                check("each node's load is the members of the rooms granted to it", badLoad),
                check("every join answered 202 and every leave 200 or 409", badAnswers),
                check("no transport errors", new ArrayList<>(transportErrors)),
                check("no player in two rooms", twoRooms),
                check("no room above " + MAX_ROOM + " (and no started room below " + MIN_ROOM + ")", overfull),
                check("every room's members have that room in their player record", membersWithoutRoom),
                check("every player is exactly one of queued / in a room / gone by their own leave", notExactlyOne),
                check("rooms:available holds exactly the open rooms below " + MAX_ROOM + " with their counts", badAvailable),
                check("no join is left in the queue once the matchmakers consumed every event", stillQueued));
        // Rooms whose match ended are gone from Redis; their grants on the nodes' streams remain.
        Set<String> rooms = new HashSet<>(snapshot.rooms.keySet());
        rooms.addAll(grantsByRoom.keySet());
        assertTrue(rooms.size() >= (PLAYERS - leftOk) / MAX_ROOM, "too few rooms: " + rooms.size());
    }

    private static Executable check(String invariant, List<String> violations) {
        return () -> assertTrue(violations.isEmpty(), () -> invariant + ": " + violations.size() + " violation(s), e.g.\n  "
                + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
    }

    private static String describe(PlayerRecord record, boolean inQueue, Set<String> rooms) {
        return record + (inQueue ? ", in players_queue" : ", not in players_queue") + ", member of " + rooms;
    }

    record PlayerRecord(String status, String room, String node, String joined) {
        @Override
        public String toString() {
            return "{status=" + status + ", room=" + room + ", node=" + node + "}";
        }
    }

    record RoomInfo(String state, String node, long epoch, Set<String> members) {}

    /** A handoff on a node's stream: the room granted to that node under that epoch. */
    record Grant(String room, String node, long epoch) {}

    record Snapshot(Map<String, RoomInfo> rooms, Set<String> queue, Map<String, Long> available, Map<String, PlayerRecord> players,
            long backlog, List<Grant> grants, Map<String, Long> loads) {

        /** What must stop changing for the queue to count as quiet. */
        Object fingerprint() {
            Map<String, Integer> states = new TreeMap<>();
            rooms.values().forEach(r -> states.merge(r.state + "/" + r.members.size(), 1, Integer::sum));
            return List.of(states, queue.size(), new TreeMap<>(available), players.values().stream()
                    .map(p -> p.status == null ? "idle" : p.status).sorted().toList());
        }

        boolean settled() {
            return backlog == 0 && rooms.values().stream().noneMatch(r -> "countdown".equals(r.state) || "starting".equals(r.state));
        }
    }

    /**
     * Waits (bounded) until every join and leave event and every node report was consumed, no room
     * is in its countdown or waiting for a node, the stand-in nodes got nothing new and ended no
     * match for a while, and two reads a second apart are the same; returns the last read.
     */
    private static Snapshot awaitQuiet(List<String> ids, List<StandInGameNode> nodes) {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        Snapshot previous = null;
        while (true) {
            Snapshot current = read(ids, nodes);
            boolean quiet = current.settled() && nodes.stream().allMatch(node -> node.idleFor(MAX_END_DELAY.toMillis() + 1000))
                    && previous != null && previous.fingerprint().equals(current.fingerprint());
            if (quiet) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the queue did not get quiet within " + QUIET_TIMEOUT + ": join backlog "
                        + current.backlog + ", rooms by state/size " + current.fingerprint() + "; logs in "
                        + stack.services().get(0).log().getParent());
            }
            previous = current;
            sleep(1000);
        }
    }

    private static Snapshot read(List<String> ids, List<StandInGameNode> nodes) {
        RedisClient redis = stack.redis();
        long backlog = stack.joinsBacklog() + stack.backlog(stack.key("game:events"));
        String roomPrefix = stack.key("room:");
        List<String> roomIds = redis.scan(roomPrefix + "*:players").stream()
                .map(key -> key.substring(roomPrefix.length(), key.length() - ":players".length())).toList();
        List<String[]> commands = new ArrayList<>();
        for (String room : roomIds) {
            commands.add(new String[] {"HMGET", roomPrefix + room, "state", "node", "epoch"});
            commands.add(new String[] {"SMEMBERS", roomPrefix + room + ":players"});
        }
        List<Object> replies = commands.isEmpty() ? List.of() : redis.pipeline(commands);
        Map<String, RoomInfo> rooms = new HashMap<>();
        for (int i = 0; i < roomIds.size(); i++) {
            Set<String> members = new HashSet<>();
            ((Collection<?>) replies.get(2 * i + 1)).forEach(m -> members.add((String) m));
            List<?> info = (List<?>) replies.get(2 * i);
            rooms.put(roomIds.get(i), new RoomInfo((String) info.get(0), (String) info.get(1),
                    info.get(2) == null ? 0 : Long.parseLong((String) info.get(2)), members));
        }
        Set<String> queue = new HashSet<>();
        redis.list("ZRANGE", stack.key("players_queue"), "0", "-1").forEach(m -> queue.add((String) m));
        Map<String, Long> available = new HashMap<>();
        List<Object> scored = redis.list("ZRANGE", stack.key("rooms:available"), "0", "-1", "WITHSCORES");
        for (int i = 0; i + 1 < scored.size(); i += 2) {
            available.put((String) scored.get(i), (long) Double.parseDouble((String) scored.get(i + 1)));
        }
        List<String[]> hmgets = ids.stream()
                .map(id -> new String[] {"HMGET", stack.key("player:" + id), "status", "room", "node", "joined_timestamp"}).toList();
        List<Object> records = redis.pipeline(hmgets);
        Map<String, PlayerRecord> players = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            List<?> r = (List<?>) records.get(i);
            players.put(ids.get(i), new PlayerRecord((String) r.get(0), (String) r.get(1), (String) r.get(2), (String) r.get(3)));
        }
        List<Grant> grants = new ArrayList<>();
        Map<String, Long> loads = new HashMap<>();
        for (StandInGameNode node : nodes) {
            for (Object entry : redis.list("XRANGE", stack.key("game:node:" + node.nodeId() + ":rooms"), "-", "+")) {
                List<?> fields = (List<?>) ((List<?>) entry).get(1);
                Map<String, String> handoff = new HashMap<>();
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    handoff.put((String) fields.get(i), (String) fields.get(i + 1));
                }
                grants.add(new Grant(handoff.get("room"), node.nodeId(), Long.parseLong(handoff.get("epoch"))));
            }
            Object score = redis.call("ZSCORE", stack.key("game:nodes"), node.nodeId());
            loads.put(node.nodeId(), score == null ? null : (long) Double.parseDouble((String) score));
        }
        return new Snapshot(rooms, queue, available, players, backlog, grants, loads);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
