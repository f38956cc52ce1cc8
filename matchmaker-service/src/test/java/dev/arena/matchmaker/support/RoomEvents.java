package dev.arena.matchmaker.support;

import static org.junit.jupiter.api.Assertions.fail;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Listens on room-events like a lobby does and lets a test wait for a notice. */
public final class RoomEvents implements AutoCloseable {

    private final List<PlayerNotice> received = new CopyOnWriteArrayList<>();
    private final RedisSubscriber subscriber;

    public RoomEvents(RedisDataSource redis, RedisKeys keys, MessageCodec codec) {
        subscriber = redis.pubsub(String.class).subscribe(keys.roomEvents(),
                json -> received.add(codec.decode(json, PlayerNotice.class)));
    }

    /** The first notice matching {@code test}, waiting up to {@code timeout}. */
    public PlayerNotice await(Predicate<PlayerNotice> test, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (PlayerNotice notice : received) {
                if (test.test(notice)) {
                    return notice;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("no matching notice within " + timeout + "; received " + received);
    }

    /** Every notice received so far, in the order Redis published them. */
    public List<PlayerNotice> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        subscriber.unsubscribe();
    }
}
