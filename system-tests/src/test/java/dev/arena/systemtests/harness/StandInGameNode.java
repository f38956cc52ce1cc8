package dev.arena.systemtests.harness;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.RoomHandoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A game node as docs/matchmaking.md describes it, minus the game: announces itself every second
 * ({@code SET game:node:{id}:heartbeat <load> PX 5000} and {@code ZADD game:nodes <load> <id>}),
 * reads the rooms granted to it from {@code game:node:{id}:rooms} (consumer group {@code node})
 * and reports each room running, each member arrived and the arrivals settled on
 * {@code game:events}, as a node does when it takes the room and every player's game socket arrives. So the matchmaker moves started
 * rooms to running, their members to in_game, and its arrival check passes.
 */
public final class StandInGameNode implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec();

    private final String prefix;
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

    /** Registers the node at once (first heartbeat before returning) and starts its two threads. */
    public StandInGameNode(String redisUrl, String shard, String nodeId) {
        this.prefix = "{" + shard + "}:";
        this.nodeId = nodeId;
        this.stream = prefix + "game:node:" + nodeId + ":rooms";
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

    /** Whether nothing arrived on the node's stream for {@code millis}. */
    public boolean idleFor(long millis) {
        return System.nanoTime() - lastActivityNanos > millis * 1_000_000L;
    }

    private void beat() {
        String load = Long.toString(players.get());
        heartbeatRedis.pipeline(List.of(
                new String[] {"SET", prefix + "game:node:" + nodeId + ":heartbeat", load, "PX", "5000"},
                new String[] {"ZADD", prefix + "game:nodes", load, nodeId}));
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
        heartbeatRedis.close();
        streamRedis.close();
    }
}
