package dev.arena.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every watched store answers ({@link StoreWatch}): a stalled Redis or PostgreSQL
 * makes the service unready as soon as it answers players 503, and ready again when the store
 * answers. (Quarkus' own Redis and datasource checks, switched off, waited until a paused store
 * resumed.)
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private final Instance<StoreWatch> watches;

    public StoreReadiness(@Any Instance<StoreWatch> watches) {
        this.watches = watches;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Stores").up();
        for (StoreWatch watch : watches) {
            boolean stalled = watch.stalled();
            response.withData(watch.store().label(), stalled ? "stalled" : "answering");
            if (stalled) {
                response.down();
            }
        }
        return response.build();
    }
}
