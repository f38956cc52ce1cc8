package dev.arena.matchmaker.store;

import dev.arena.model.keys.RedisKeys;
import dev.arena.service.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The matchmaker's Lua scripts (resources under {@code lua/}), pipelined by EVALSHA and reloaded on NOSCRIPT. */
@ApplicationScoped
public class LuaScripts {

    private static final Logger LOG = Logger.getLogger(LuaScripts.class);

    /** One script file each. */
    public enum Script {
        ASSIGN, LEAVE, START, EXPIRE, ARRIVAL, NODE_EVENTS, PRUNE_NODES, TAKEOVER, ROOMS, VIEW;

        String resource() {
            return "lua/" + name().toLowerCase() + ".lua";
        }
    }

    private final Redis redis;
    private final Map<Script, LuaScript> scripts = new EnumMap<>(Script.class);
    /** A key of the shard: every call names one of its slot, so the scripts are loaded where the calls go. */
    private final String routingKey;

    public LuaScripts(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.routingKey = keys.roomDeadlines();
        for (Script script : Script.values()) {
            scripts.put(script, LuaScript.load(script.resource()));
        }
    }

    /** Loads every script into Redis' script cache (at start, and after Redis lost it). */
    public Uni<Void> load() {
        return redis.batch(scripts.values().stream().map(script -> script.loadRequest(routingKey)).toList()).replaceWithVoid();
    }

    /** An EVALSHA of {@code script} with its keys and arguments. */
    public Request call(Script script, List<String> keys, List<String> args) {
        return scripts.get(script).call(keys, args);
    }

    /**
     * Sends script calls in one pipelined round trip. A NOSCRIPT (Redis restarted or flushed its
     * cache) fails every call of the batch alike, so the batch is safe to resend after a reload.
     */
    public Uni<List<Response>> run(Supplier<List<Request>> calls) {
        return redis.batch(calls.get())
                .onFailure(LuaScript::isNoScript).recoverWithUni(e -> {
                    LOG.info("Redis lost the matchmaker's scripts; loading them again");
                    return load().chain(() -> redis.batch(calls.get()));
                });
    }
}
