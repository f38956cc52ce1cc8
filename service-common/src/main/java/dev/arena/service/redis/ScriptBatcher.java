package dev.arena.service.redis;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the calls of one Lua script made on an event loop during one turn of it as one pipeline:
 * one write, one pooled connection and one reply read for the whole turn instead of a round trip
 * per call. Under a burst of joins a lobby reads hundreds of {@code queue} frames per turn; one
 * round trip each costs it and Redis a system call per join and overflows the connection pool's
 * wait queue. A call off an event loop is sent alone.
 *
 * <p>Redis answers a pipeline's calls one by one, but the client fails the whole batch when any
 * of them failed: a script error (a bug, or a key of the wrong type) is reported to every caller
 * of that turn, not only to its own. NOSCRIPT (Redis restarted or flushed its script cache) fails
 * every call alike, none of them ran, and the batch is sent again once the script is loaded.
 *
 * <p>The calls of one turn come from many requests and sockets, each on a duplicated context of
 * its own (holding its request scope), and the pipeline's reply arrives on one of them: each caller
 * is answered on its own context, or a request would be resumed inside another one's scope.
 */
public final class ScriptBatcher {

    /** A caller's call, with the Vert.x context it was made on (an HTTP request's or a socket's duplicated context). */
    private record Call(List<String> keys, List<String> args, Context context, UniEmitter<? super Response> emitter) {

        /** Answers on the caller's own context: a request resumed on another one finds its request scope gone. */
        void complete(Response reply) {
            onOwnContext(() -> emitter.complete(reply));
        }

        void fail(Throwable failure) {
            onOwnContext(() -> emitter.fail(failure));
        }

        private void onOwnContext(Runnable answer) {
            if (Vertx.currentContext() == context) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }

    private final Redis redis;
    private final LuaScript script;
    private final int maxBatch;
    // Calls waiting for the end of the current turn of this event loop; only its own thread touches them.
    private final ThreadLocal<List<Call>> waiting = ThreadLocal.withInitial(ArrayList::new);
    private final AtomicLong pipelines = new AtomicLong();

    /** Batches calls of {@code script}; a turn with more than {@code maxBatch} calls sends several pipelines. */
    public ScriptBatcher(Redis redis, LuaScript script, int maxBatch) {
        this.redis = redis;
        this.script = script;
        this.maxBatch = maxBatch;
    }

    /** Runs the script with these keys and arguments, in the pipeline of this event-loop turn. */
    public Uni<Response> run(List<String> keys, List<String> args) {
        // Decided when subscribed: that is when and where the call is made.
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !Context.isOnEventLoopThread()) {
                return script.run(redis, keys, args);
            }
            return Uni.createFrom().emitter(emitter -> add(context, new Call(keys, args, context, emitter)));
        });
    }

    private void add(Context context, Call call) {
        List<Call> calls = waiting.get();
        if (calls.isEmpty()) {
            // Runs after the I/O of this turn: every call made while reading its sockets goes in one batch.
            context.runOnContext(ignored -> flush(waiting.get()));
        }
        calls.add(call);
        if (calls.size() >= maxBatch) {
            flush(calls);
        }
    }

    /** Pipelines sent so far (a call sent alone, off an event loop, is not one). */
    public long pipelinesSent() {
        return pipelines.get();
    }

    private void flush(List<Call> calls) {
        if (calls.isEmpty()) {
            return;
        }
        List<Call> batch = List.copyOf(calls);
        calls.clear();
        send(batch, true);
    }

    private void send(List<Call> batch, boolean reloadOnNoScript) {
        pipelines.incrementAndGet();
        redis.batch(batch.stream().map(call -> script.call(call.keys(), call.args())).toList())
                .subscribe().with(replies -> {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).complete(replies.get(i));
                    }
                }, failure -> {
                    if (reloadOnNoScript && LuaScript.isNoScript(failure)) {
                        redis.send(script.loadRequest(batch.get(0).keys().get(0))).subscribe()
                                .with(loaded -> send(batch, false), loadFailure -> fail(batch, loadFailure));
                    } else {
                        fail(batch, failure);
                    }
                });
    }

    private static void fail(List<Call> batch, Throwable failure) {
        batch.forEach(call -> call.fail(failure));
    }
}
