package dev.arena.lobby.queue;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import java.util.ArrayList;
import java.util.List;

/** Test helper: removes every key of the test's shard (never FLUSHDB: others share the database). */
final class ShardKeys {

    private ShardKeys() {}

    static void deleteAll(RedisDataSource redis, RedisKeys keys) {
        List<String> found = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match(keys.tag() + ":*").count(1000)).toIterable().forEach(found::add);
        if (!found.isEmpty()) {
            redis.key().del(found.toArray(String[]::new));
        }
    }
}
