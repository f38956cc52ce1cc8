package dev.arena.matchmaker.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The matchmaker's Lua scripts (resources under {@code lua/}), run by EVALSHA and reloaded on NOSCRIPT. */
@ApplicationScoped
public class LuaScripts {

    private static final Logger LOG = Logger.getLogger(LuaScripts.class);

    /** One script file each. */
    public enum Script {
        ASSIGN, START, EXPIRE, ARRIVAL, PRUNE_NODES, ROOMS, VIEW;

        String resource() {
            return "lua/" + name().toLowerCase() + ".lua";
        }
    }

    private final Redis redis;
    private final Map<Script, String> sources = new EnumMap<>(Script.class);
    // The SHA1 of a script is known without asking Redis, so requests never wait for SCRIPT LOAD.
    private final Map<Script, String> shas = new EnumMap<>(Script.class);

    public LuaScripts(ReactiveRedisDataSource redis) {
        this.redis = redis.getRedis();
        for (Script script : Script.values()) {
            String source = read(script.resource());
            sources.put(script, source);
            shas.put(script, sha1(source));
        }
    }

    /** Loads every script into Redis' script cache (at start, and after Redis lost it). */
    public Uni<Void> load() {
        List<Request> loads = sources.values().stream()
                .map(source -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(source))
                .toList();
        return redis.batch(loads).replaceWithVoid();
    }

    /** An EVALSHA of {@code script} with its keys and arguments. */
    public Request call(Script script, List<String> keys, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(shas.get(script)).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    /**
     * Sends script calls in one pipelined round trip. A NOSCRIPT (Redis restarted or flushed its
     * cache) fails every call of the batch alike, so the batch is safe to resend after a reload.
     */
    public Uni<List<Response>> run(Supplier<List<Request>> calls) {
        return redis.batch(calls.get())
                .onFailure(LuaScripts::isNoScript).recoverWithUni(e -> {
                    LOG.info("Redis lost the matchmaker's scripts; loading them again");
                    return load().chain(() -> redis.batch(calls.get()));
                });
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    private static String read(String resource) {
        try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
