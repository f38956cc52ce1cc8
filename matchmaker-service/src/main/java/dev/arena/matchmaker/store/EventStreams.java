package dev.arena.matchmaker.store;

import dev.arena.matchmaker.domain.EventBatch;
import dev.arena.matchmaker.domain.JoinEntry;
import dev.arena.matchmaker.domain.NodeReportEntry;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.NodeEvent;
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
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The two streams the matchmakers consume through their consumer group: {@code lobby:joins} (the
 * lobby's joins and leaves) and {@code game:events} (the game nodes' reports). Both carry the
 * shard's hash tag, so one XREADGROUP reads them together, also on Redis Cluster.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    private final Redis redis;
    private final String joins;
    private final String reports;

    public EventStreams(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.joins = keys.lobbyJoins();
        this.reports = keys.gameEvents();
    }

    /** Creates the consumer group (and the stream) of each stream unless it exists; from the start, so no early event is missed. */
    public Uni<Void> createGroups() {
        return createGroup(joins).chain(() -> createGroup(reports));
    }

    private Uni<Void> createGroup(String stream) {
        return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(RedisKeys.MATCHMAKER_GROUP)
                        .arg("0").arg("MKSTREAM"))
                .replaceWithVoid()
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")).recoverWithNull();
    }

    /** Up to {@code count} new entries of each stream for this consumer, waiting at most {@code block} for the first. */
    public Uni<EventBatch> read(String consumer, int count, Duration block) {
        return redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(RedisKeys.MATCHMAKER_GROUP).arg(consumer)
                        .arg("COUNT").arg(count).arg("BLOCK").arg(block.toMillis()).arg("STREAMS").arg(joins).arg(reports)
                        .arg(">").arg(">"))
                .map(reply -> new EventBatch(entries(streamEntries(reply, joins), this::joinEntry),
                        entries(streamEntries(reply, reports), this::reportEntry)));
    }

    /**
     * Takes over entries another consumer left pending for longer than {@code minIdle} (a dead
     * matchmaker's). Two commands sent apart, not as one batch: the Vert.x Redis client fails with
     * an ArrayIndexOutOfBoundsException, and never completes the batch, when two commands of one
     * batch fail together (both groups gone after a flush).
     */
    public Uni<EventBatch> claimStale(String consumer, Duration minIdle, int count) {
        return Uni.combine().all().unis(redis.send(autoclaim(joins, consumer, minIdle, count)),
                        redis.send(autoclaim(reports, consumer, minIdle, count)))
                .asTuple().map(replies -> new EventBatch(entries(claimed(replies.getItem1()), this::joinEntry),
                        entries(claimed(replies.getItem2()), this::reportEntry)));
    }

    private static Request autoclaim(String stream, String consumer, Duration minIdle, int count) {
        return Request.cmd(Command.XAUTOCLAIM).arg(stream).arg(RedisKeys.MATCHMAKER_GROUP).arg(consumer)
                .arg(minIdle.toMillis()).arg("0-0").arg("COUNT").arg(count);
    }

    private static Response claimed(Response reply) {
        return reply == null || reply.size() < 2 ? null : reply.get(1);
    }

    /** Acknowledges handled entries, so no other matchmaker claims them (one command per stream, see {@link #claimStale}). */
    public Uni<Void> ack(EventBatch batch) {
        List<Uni<Response>> acks = new ArrayList<>(2);
        if (!batch.joins().isEmpty()) {
            acks.add(ack(joins, batch.joins().stream().map(JoinEntry::streamId).toList()));
        }
        if (!batch.reports().isEmpty()) {
            acks.add(ack(reports, batch.reports().stream().map(NodeReportEntry::streamId).toList()));
        }
        return acks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    private Uni<Response> ack(String stream, List<String> ids) {
        Request ack = Request.cmd(Command.XACK).arg(stream).arg(RedisKeys.MATCHMAKER_GROUP);
        ids.forEach(ack::arg);
        return redis.send(ack);
    }

    // RESP2 answers [[stream, entries], ...], RESP3 a map {stream: entries}; a timeout answers null.
    private static Response streamEntries(Response reply, String stream) {
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
        for (Response pair : reply) {
            if (pair != null && pair.size() == 2 && stream.equals(pair.get(0).toString())) {
                return pair.get(1);
            }
        }
        return null;
    }

    private static <T> List<T> entries(Response entries, BiFunction<String, Map<String, String>, T> parse) {
        if (entries == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(entries.size());
        for (Response entry : entries) {
            if (entry == null || entry.size() < 2 || entry.get(1) == null) {
                continue; // deleted (trimmed) while pending
            }
            Response pairs = entry.get(1);
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            result.add(parse.apply(entry.get(0).toString(), fields));
        }
        return result;
    }

    private JoinEntry joinEntry(String id, Map<String, String> fields) {
        try {
            return new JoinEntry(id, LobbyEvent.fromFields(fields));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping unreadable join entry %s: %s", id, e.getMessage());
            return new JoinEntry(id, null);
        }
    }

    private NodeReportEntry reportEntry(String id, Map<String, String> fields) {
        try {
            return new NodeReportEntry(id, NodeEvent.fromFields(fields));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping unreadable node report %s: %s", id, e.getMessage());
            return new NodeReportEntry(id, null);
        }
    }
}
