package dev.arena.systemtests.harness;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.NodeLoad;
import dev.arena.model.events.RoomHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A game node as docs/matchmaking.md describes it, minus the game: announces itself every second
 * ({@code SET game:node:{id}:heartbeat <load> PX 5000} and {@code ZADD game:nodes <load> <id>}),
 * reads the rooms granted to it from {@code game:node:{id}:rooms} (consumer group {@code node})
 * and reports each room running, each member arrived and the arrivals settled on
 * {@code game:events}, as a node does when it takes the room and every player's game socket arrives.
 * Optionally ({@link #endMatches}) it states a capacity and ends a random share of its matches
 * after a random delay, reporting them ended, so rooms come and go as on a real node. So the matchmaker moves started
 * rooms to running, their members to in_game, and its arrival check passes.
 */
public final class StandInGameNode implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec();

    private final String prefix;
    private final String redisUrl;
    private final String nodeId;
    private final String stream;
    private final RedisClient heartbeatRedis;
    private final RedisClient streamRedis;
    private final AtomicLong rooms = new AtomicLong();
    private final AtomicLong players = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean running = true;
    private final Thread heartbeat;
    private final Thread reader;
    private final Set<String> endedPlayers = ConcurrentHashMap.newKeySet();
    private volatile int capacity = Integer.MAX_VALUE;
    private volatile double endShare;
    private volatile long maxEndDelayMillis;
    private Random random;
    private ScheduledExecutorService ender;
    private RedisClient endRedis;

    /** Registers the node at once (first heartbeat before returning) and starts its two threads. */
    public StandInGameNode(String redisUrl, String shard, String nodeId) {
        this.prefix = "{" + shard + "}:";
        this.nodeId = nodeId;
        this.stream = prefix + "game:node:" + nodeId + ":rooms";
        this.redisUrl = redisUrl;
        this.heartbeatRedis = new RedisClient(redisUrl);
        this.streamRedis = new RedisClient(redisUrl);
        try {
            streamRedis.call("XGROUP", "CREATE", stream, "node", "0", "MKSTREAM");
        } catch (RedisClient.RedisError e) {
            if (!e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        beat();
        heartbeat = new Thread(this::heartbeatLoop, "stand-in-node-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        reader = new Thread(this::readLoop, "stand-in-node-rooms");
        reader.setDaemon(true);
        reader.start();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Rooms received so far. */
    public long rooms() {
        return rooms.get();
    }

    /**
     * From now on, states {@code capacity} players in the heartbeat and ends each new match with
     * probability {@code share} after up to {@code maxDelay}, reporting it ended (seeded, so a
     * failing run can be repeated).
     */
    public synchronized void endMatches(int capacity, double share, Duration maxDelay, long seed) {
        this.capacity = capacity;
        this.random = new Random(seed);
        this.maxEndDelayMillis = Math.max(1, maxDelay.toMillis());
        if (ender == null) {
            endRedis = new RedisClient(redisUrl);
            ender = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "stand-in-node-ends");
                thread.setDaemon(true);
                return thread;
            });
        }
        this.endShare = share;
        beat();
    }

    /** The players of the matches this node reported ended: the matchmaker must have freed them. */
    public Set<String> endedPlayers() {
        return Set.copyOf(endedPlayers);
    }

    /** Whether nothing arrived on the node's stream for {@code millis}. */
    public boolean idleFor(long millis) {
        return System.nanoTime() - lastActivityNanos > millis * 1_000_000L;
    }

    // As a node announces itself: its NodeLoad, and game:nodes raised to what it runs, never lowered.
    private synchronized void beat() {
        String load = Long.toString(players.get());
        String heartbeat = CODEC.encode(new NodeLoad((int) rooms.get(), (int) players.get(), capacity));
        heartbeatRedis.pipeline(List.of(
                new String[] {"SET", prefix + "game:node:" + nodeId + ":heartbeat", heartbeat, "PX", "5000"},
                new String[] {"ZADD", prefix + "game:nodes", "GT", load, nodeId}));
    }

    private void heartbeatLoop() {
        while (running) {
            try {
                Thread.sleep(1000);
                beat();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void readLoop() {
        while (running) {
            try {
                List<Object> reply = streamRedis.list("XREADGROUP", "GROUP", "node", "stand-in", "COUNT", "500", "BLOCK", "100",
                        "STREAMS", stream, ">");
                if (reply.isEmpty()) {
                    continue;
                }
                lastActivityNanos = System.nanoTime();
                List<?> entries = (List<?>) ((List<?>) reply.get(0)).get(1);
                List<String[]> commands = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (Object e : entries) {
                    List<?> entry = (List<?>) e;
                    ids.add((String) entry.get(0));
                    List<?> fields = (List<?>) entry.get(1);
                    Map<String, String> payload = new HashMap<>();
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        payload.put((String) fields.get(i), (String) fields.get(i + 1));
                    }
                    RoomHandoff handoff;
                    try {
                        handoff = RoomHandoff.fromFields(payload, CODEC);
                    } catch (IllegalArgumentException unreadable) {
                        continue;
                    }
                    commands.add(report(NodeEvent.running(handoff.roomId(), nodeId, handoff.epoch(), handoff.at() + 60_000)));
                    for (String member : handoff.players()) {
                        commands.add(report(NodeEvent.arrived(handoff.roomId(), nodeId, handoff.epoch(), member)));
                        players.incrementAndGet();
                    }
                    commands.add(report(NodeEvent.settled(handoff.roomId(), nodeId, handoff.epoch(), handoff.players())));
                    maybeEnd(handoff);
                    rooms.incrementAndGet();
                }
                List<String> ack = new ArrayList<>(List.of("XACK", stream, "node"));
                ack.addAll(ids);
                commands.add(ack.toArray(String[]::new));
                streamRedis.pipeline(commands);
                lastActivityNanos = System.nanoTime();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                ServiceProcess.sleep(100);
            }
        }
    }

    private synchronized void maybeEnd(RoomHandoff handoff) {
        if (ender == null || random.nextDouble() >= endShare) {
            return;
        }
        ender.schedule(() -> {
            // As a node does: the room leaves its count before its end is reported, and under the
            // heartbeat's lock, so no heartbeat raises game:nodes back with a count from before.
            synchronized (this) {
                players.addAndGet(-handoff.players().size());
                try {
                    endRedis.pipeline(List.<String[]>of(report(NodeEvent.ended(handoff.roomId(), nodeId, handoff.epoch()))));
                    endedPlayers.addAll(handoff.players());
                } catch (RuntimeException e) {
                    // the run's invariants show a match that did not end
                }
                lastActivityNanos = System.nanoTime();
            }
        }, random.nextLong(maxEndDelayMillis), TimeUnit.MILLISECONDS);
    }

    private String[] report(NodeEvent event) {
        List<String> xadd = new ArrayList<>(List.of("XADD", prefix + "game:events", "*"));
        event.toFields().forEach((field, value) -> {
            xadd.add(field);
            xadd.add(value);
        });
        return xadd.toArray(String[]::new);
    }

    @Override
    public void close() {
        running = false;
        heartbeat.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ender != null) {
            ender.shutdownNow();
            endRedis.close();
        }
        heartbeatRedis.close();
        streamRedis.close();
    }
}
