package dev.arena.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Redis answers ({@link RedisWatch}): a stalled Redis makes the service unready
 * within about a second, as soon as it answers players 503, and ready again when Redis answers.
 * (Quarkus' own Redis check, switched off, waited on a worker thread until a paused Redis resumed.)
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final RedisWatch watch;

    public RedisReadiness(RedisWatch watch) {
        this.watch = watch;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Redis").status(!watch.stalled()).build();
    }
}
