package dev.arena.systemtests.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A game node as docs/matchmaking.md describes it, minus the game: announces itself every second
 * ({@code SET game:node:{id}:heartbeat <load> PX 5000} and {@code ZADD game:nodes <load> <id>}),
 * reads the rooms handed to it from {@code game:node:{id}:rooms} (consumer group {@code node}),
 * marks each room {@code running} and each member {@code in_game} (only a member whose record
 * still names that room), as a node does when the players' game sockets arrive. So started rooms
 * keep their members and the matchmaker's arrival check passes.
 */
public final class StandInGameNode implements AutoCloseable {

    /** Marks a started room's members arrived; package-visible so that RedisCommandCosts can name it. */
    static final String ARRIVE = """
            local prefix, room = ARGV[1], ARGV[2]
            local roomKey = prefix .. 'room:' .. room
            if redis.call('HGET', roomKey, 'state') == 'starting' then
              redis.call('HSET', roomKey, 'state', 'running')
            end
            local arrived = 0
            for i = 3, #ARGV do
              local playerKey = prefix .. 'player:' .. ARGV[i]
              if redis.call('HGET', playerKey, 'room') == room then
                redis.call('HSET', playerKey, 'status', 'in_game')
                arrived = arrived + 1
              end
            end
            return arrived
            """;

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
    private final String arriveSha;

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
        this.arriveSha = streamRedis.string("SCRIPT", "LOAD", ARRIVE);
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
                    String room = null;
                    String members = "";
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        if ("room".equals(fields.get(i))) {
                            room = (String) fields.get(i + 1);
                        } else if ("players".equals(fields.get(i))) {
                            members = (String) fields.get(i + 1);
                        }
                    }
                    if (room == null) {
                        continue;
                    }
                    List<String> args = new ArrayList<>(List.of("EVALSHA", arriveSha, "0", prefix, room));
                    for (String member : members.isEmpty() ? new String[0] : members.split(",")) {
                        args.add(member);
                        players.incrementAndGet();
                    }
                    commands.add(args.toArray(String[]::new));
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
