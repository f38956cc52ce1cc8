package dev.arena.matchmaker.store;

import dev.arena.matchmaker.domain.JoinEntry;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The {@code lobby:joins} stream, read through the matchmakers' consumer group. */
@ApplicationScoped
public class JoinStream {

    private static final Logger LOG = Logger.getLogger(JoinStream.class);

    private final Redis redis;
    private final String stream;

    public JoinStream(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.stream = keys.lobbyJoins();
    }

    /** Creates the consumer group (and the stream) unless it exists; from the start, so no early join is missed. */
    public Uni<Void> createGroup() {
        return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(RedisKeys.MATCHMAKER_GROUP)
                        .arg("0").arg("MKSTREAM"))
                .replaceWithVoid()
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")).recoverWithNull();
    }

    /** Up to {@code count} new entries for this consumer, waiting at most {@code block} for the first. */
    public Uni<List<JoinEntry>> read(String consumer, int count, Duration block) {
        return redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(RedisKeys.MATCHMAKER_GROUP).arg(consumer)
                        .arg("COUNT").arg(count).arg("BLOCK").arg(block.toMillis()).arg("STREAMS").arg(stream).arg(">"))
                .map(reply -> entries(streamEntries(reply)));
    }

    /** Takes over entries another consumer left pending for longer than {@code minIdle} (a dead matchmaker's). */
    public Uni<List<JoinEntry>> claimStale(String consumer, Duration minIdle, int count) {
        return redis.send(Request.cmd(Command.XAUTOCLAIM).arg(stream).arg(RedisKeys.MATCHMAKER_GROUP).arg(consumer)
                        .arg(minIdle.toMillis()).arg("0-0").arg("COUNT").arg(count))
                .map(reply -> reply == null || reply.size() < 2 ? List.<JoinEntry>of() : entries(reply.get(1)));
    }

    /** Acknowledges handled entries, so no other matchmaker claims them. */
    public Uni<Void> ack(List<JoinEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request ack = Request.cmd(Command.XACK).arg(stream).arg(RedisKeys.MATCHMAKER_GROUP);
        entries.forEach(entry -> ack.arg(entry.streamId()));
        return redis.send(ack).replaceWithVoid();
    }

    // RESP2 answers [[stream, entries]], RESP3 a map {stream: entries}; a timeout answers null.
    private Response streamEntries(Response reply) {
        if (reply == null || reply.size() == 0) {
            return null;
        }
        try {
            if (reply.containsKey(stream)) {
                return reply.get(stream);
            }
        } catch (RuntimeException notAMap) {
            // an array reply: handled below
        }
        return reply.get(0).get(1);
    }

    private List<JoinEntry> entries(Response entries) {
        if (entries == null) {
            return List.of();
        }
        List<JoinEntry> result = new ArrayList<>(entries.size());
        for (Response entry : entries) {
            if (entry == null || entry.size() < 2 || entry.get(1) == null) {
                continue; // deleted (trimmed) while pending
            }
            result.add(entry(entry.get(0).toString(), entry.get(1)));
        }
        return result;
    }

    private JoinEntry entry(String id, Response pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
        }
        try {
            return new JoinEntry(id, LobbyEvent.fromFields(fields));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping unreadable join entry %s: %s", id, e.getMessage());
            return new JoinEntry(id, null);
        }
    }
}
