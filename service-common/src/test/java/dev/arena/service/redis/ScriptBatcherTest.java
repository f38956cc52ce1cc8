package dev.arena.service.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls of one event-loop turn go in one pipeline, each caller gets its own answer, and a lost script is reloaded (real Redis). */
class ScriptBatcherTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("ARENA_TEST_REDIS_URL", "redis://127.0.0.1:6379/1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, REDIS_URL);
    private final ScriptBatcher batcher = new ScriptBatcher(redis, LuaScript.load("lua/batcher-test.lua"), 64);
    private final String counter = "batcher-test:" + UUID.randomUUID();

    @AfterEach
    void cleanUp() {
        send("DEL", counter);
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void theCallsOfOneTurnShareOnePipelineAndEachGetsItsOwnAnswer() throws Exception {
        List<String> answers = inOneTurn(40, i -> List.of(counter));
        for (int i = 0; i < 40; i++) {
            assertEquals("call-" + i, answers.get(i));
        }
        assertEquals(1, batcher.pipelinesSent());
        assertEquals(40, count());
    }

    @Test
    void eachCallerIsAnsweredOnItsOwnDuplicatedContext() throws Exception {
        int calls = 8;
        List<CompletableFuture<Boolean>> onOwnContext = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            onOwnContext.add(new CompletableFuture<>());
        }
        Context root = vertx.getDelegate().getOrCreateContext();
        root.runOnContext(ignored -> {
            // As the HTTP requests and sockets read in one turn of an event loop: a context each.
            for (int i = 0; i < calls; i++) {
                Context own = VertxContext.createNewDuplicatedContext(root);
                CompletableFuture<Boolean> answer = onOwnContext.get(i);
                own.runOnContext(alsoIgnored -> batcher.run(List.of(counter), List.of("call")).subscribe()
                        .with(reply -> answer.complete(io.vertx.core.Vertx.currentContext() == own), answer::completeExceptionally));
            }
        });
        for (CompletableFuture<Boolean> answer : onOwnContext) {
            assertTrue(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS), "answered on another caller's context");
        }
        assertEquals(1, batcher.pipelinesSent(), "still one pipeline for the turn");
    }

    @Test
    void aTurnWithMoreCallsThanTheBoundSendsSeveralPipelines() throws Exception {
        inOneTurn(150, i -> List.of(counter));
        assertEquals(3, batcher.pipelinesSent()); // 64 + 64 + 22
        assertEquals(150, count());
    }

    @Test
    void aScriptRedisForgotIsLoadedAndTheWholeTurnSentAgain() throws Exception {
        send("SCRIPT", "FLUSH");
        List<String> answers = inOneTurn(10, i -> List.of(counter));
        assertEquals("call-9", answers.get(9));
        assertEquals(10, count()); // none ran twice
    }

    @Test
    void aCallOffTheEventLoopIsSentAlone() {
        Response answer = batcher.run(List.of(counter), List.of("alone")).await().atMost(WAIT);
        assertEquals("alone", answer.toString());
        assertEquals(0, batcher.pipelinesSent());
    }

    @Test
    void aFailingCallFailsItsWholeTurnAndTheNextTurnWorks() throws Exception {
        String hash = counter + ":hash";
        send("HSET", hash, "field", "value");
        try {
            List<String> answers = inOneTurn(5, i -> List.of(i == 2 ? hash : counter)); // INCR on a hash: WRONGTYPE
            answers.forEach(answer -> assertTrue(answer.startsWith("failed:"), answer));
            assertEquals("call-0", inOneTurn(1, i -> List.of(counter)).get(0));
        } finally {
            send("DEL", hash);
        }
    }

    /** Makes {@code calls} calls from one task of an event loop; each answer, or "failed: ..." */
    private List<String> inOneTurn(int calls, IntFunction<List<String>> keys) throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            answers.add(new CompletableFuture<>());
        }
        vertx.getDelegate().getOrCreateContext().runOnContext(ignored -> {
            for (int i = 0; i < calls; i++) {
                CompletableFuture<String> answer = answers.get(i);
                batcher.run(keys.apply(i), List.of("call-" + i)).subscribe()
                        .with(reply -> answer.complete(reply.toString()), failure -> answer.complete("failed: " + failure.getMessage()));
            }
        });
        List<String> result = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            result.add(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return result;
    }

    private long count() {
        return Long.parseLong(send("GET", counter).toString());
    }

    private Response send(String command, String... args) {
        Request request = Request.cmd(Command.create(command));
        for (String arg : args) {
            request.arg(arg);
        }
        return redis.send(request).await().atMost(WAIT);
    }
}
