package dev.arena.testsupport;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import java.util.ArrayList;
import java.util.List;

/** Removes every key of a test's shard (never FLUSHDB: other tests share the database). */
public final class ShardKeys {

    private ShardKeys() {}

    public static void deleteAll(RedisDataSource redis, RedisKeys keys) {
        List<String> found = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match(keys.keyPrefix() + "*").count(1000)).toIterable().forEach(found::add);
        if (!found.isEmpty()) {
            redis.key().del(found.toArray(String[]::new));
        }
    }
}
