package dev.arena.lobby.store;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code room-events} pub/sub channel: notices for players' lobby sockets, whichever lobby holds them. */
@ApplicationScoped
public class RoomEventsChannel {

    private final ReactivePubSubCommands<String> pubsub;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public RoomEventsChannel(ReactiveRedisDataSource redis, RedisKeys keys, MessageCodec codec) {
        this.pubsub = redis.pubsub(String.class);
        this.keys = keys;
        this.codec = codec;
    }

    public Uni<Void> publish(PlayerNotice notice) {
        return pubsub.publish(keys.roomEvents(), codec.encode(notice));
    }

    /** The raw messages of the channel; decoding is the subscriber's, so one bad message never ends the stream. */
    public Multi<String> messages() {
        return pubsub.subscribe(keys.roomEvents());
    }
}
