package dev.arena.service.health;

import dev.arena.service.config.RequestConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Redis answers a PING within the request deadline: a Redis that stalls makes
 * the service unready as soon as it would answer players 503, not after a client timeout of
 * seconds (Quarkus' own Redis check, switched off, waited on a worker thread until Redis resumed).
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    private static final String NAME = "Redis";

    private final Redis redis;
    private final Duration deadline;

    public RedisReadiness(ReactiveRedisDataSource redis, RequestConfig config) {
        this.redis = redis.getRedis();
        this.deadline = config.deadline();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING))
                .map(pong -> HealthCheckResponse.up(NAME))
                .ifNoItem().after(deadline).failWith(() -> new IllegalStateException("no answer within " + deadline))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", String.valueOf(failure.getMessage())).build());
    }
}
