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
 * SCRIPT LOAD; a Redis that forgot the script (restart, flush) answers NOSCRIPT and the script is
 * loaded and the call sent again.
 */
public final class LuaScript {

    private static final String PRELUDE = read("lua/prelude.lua");

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

    /** The SCRIPT LOAD request of this script. */
    public Request loadRequest() {
        return Request.cmd(Command.SCRIPT).arg("LOAD").arg(source);
    }

    /** Runs the script once, loading it first if Redis does not know it. */
    public Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return redis.send(call(keys, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(loadRequest()).chain(() -> redis.send(call(keys, args))));
    }

    /**
     * Sends calls of this script ({@link #call}) in one pipelined round trip, loading the script and
     * sending them again if Redis does not know it (a NOSCRIPT fails every call of the batch alike).
     */
    public Uni<List<Response>> runAll(Redis redis, Supplier<List<Request>> calls) {
        return redis.batch(calls.get())
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(loadRequest()).chain(() -> redis.batch(calls.get())));
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
