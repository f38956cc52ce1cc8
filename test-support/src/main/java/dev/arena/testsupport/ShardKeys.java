package dev.arena.testsupport;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes every key of a test's shard (never FLUSHDB: other tests share the database). The keys are
 * found with service-common's {@code lua/scan_shard.lua}, which runs on the node of the shard's slot,
 * so this works on a Redis Cluster too.
 */
public final class ShardKeys {

    private static final String SCAN = read("lua/scan_shard.lua");
    private static final String COUNT = "1000";

    private ShardKeys() {}

    public static void deleteAll(RedisDataSource redis, RedisKeys keys) {
        String pattern = keys.keyPrefix() + "*";
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            Response reply = redis.execute("EVAL", SCAN, "1", keys.playersQueue(), cursor, pattern, COUNT);
            cursor = reply.get(0).toString();
            reply.get(1).forEach(key -> found.add(key.toString()));
        } while (!"0".equals(cursor));
        if (!found.isEmpty()) {
            redis.key().del(found.toArray(String[]::new));
        }
    }

    private static String read(String resource) {
        try (InputStream in = ShardKeys.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (service-common has it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
