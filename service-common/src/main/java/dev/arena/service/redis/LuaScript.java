package dev.arena.service.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Lua script from the classpath, with the shared prelude ({@code lua/prelude.lua}: helpers every
 * script may call) in front, run by EVALSHA. Its SHA-1 is computed here, so a call never waits for
 * a load; a Redis that forgot the script (restart, flush) answers NOSCRIPT and the script is
 * loaded and the call sent again. Every call names at least one key, the first of its shard's
 * slot: a Redis Cluster client sends it to the node holding that slot, and the load goes there too
 * ({@link #loadRequest}).
 */
public final class LuaScript {

    private static final String PRELUDE = read("lua/prelude.lua");
    /** The one argument of a {@link #loadRequest}: the prelude returns on it before the script runs. */
    static final String LOAD_ONLY = "arena:load-only";

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Reads {@code resource} (for example {@code lua/enqueue.lua}) once. */
    public static LuaScript load(String resource) {
        return new LuaScript(PRELUDE + "\n" + read(resource));
    }

    /** The EVALSHA request of this script, for pipelining several calls in one batch. */
    public Request call(List<String> keys, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    /**
     * A request that puts this script into the script cache of the node holding {@code routingKey}
     * and does nothing else: an EVAL whose only argument is {@link #LOAD_ONLY}, on which the prelude
     * returns at once. Not SCRIPT LOAD: it names no key, so a Redis Cluster client would send it to
     * any node, most likely not the one the calls go to.
     */
    public Request loadRequest(String routingKey) {
        return Request.cmd(Command.EVAL).arg(source).arg(1).arg(routingKey).arg(LOAD_ONLY);
    }

    /** Runs the script once, loading it first if Redis does not know it. */
    public Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return redis.send(call(keys, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(loadRequest(keys.get(0))).chain(() -> redis.send(call(keys, args))));
    }

    /**
     * Sends calls of this script ({@link #call}) in one pipelined round trip, loading the script and
     * sending them again if Redis does not know it (a NOSCRIPT fails every call of the batch alike).
     * {@code routingKey} is a key of the calls' slot.
     */
    public Uni<List<Response>> runAll(Redis redis, String routingKey, Supplier<List<Request>> calls) {
        return redis.batch(calls.get())
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(loadRequest(routingKey)).chain(() -> redis.batch(calls.get())));
    }

    /**
     * Whether Redis refused a call because it does not know the script. A pipelined batch reports
     * it inside its own error ({@code ERR [0] NOSCRIPT ...}), so the code is looked for anywhere.
     */
    public static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static String read(String resource) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
