package dev.arena.matchmaker.store;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Publishes notices for players' lobby sockets on {@code room-events}, many per round trip. */
@ApplicationScoped
public class NoticePublisher {

    private final Redis redis;
    private final MessageCodec codec;
    private final String channel;

    public NoticePublisher(ReactiveRedisDataSource redis, MessageCodec codec, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.codec = codec;
        this.channel = keys.roomEvents();
    }

    /** PUBLISHes each notice (JSON from the codec) in one pipeline. */
    public Uni<Void> publish(List<PlayerNotice> notices) {
        List<Request> publishes = requests(notices);
        return publishes.isEmpty() ? Uni.createFrom().voidItem() : redis.batch(publishes).replaceWithVoid();
    }

    /** The PUBLISH of each notice that names a player, for a caller that sends them in a pipeline of its own. */
    public List<Request> requests(List<PlayerNotice> notices) {
        return notices.stream()
                .filter(notice -> !notice.players().isEmpty())
                .map(notice -> Request.cmd(Command.PUBLISH).arg(channel).arg(codec.encode(notice)))
                .toList();
    }
}
