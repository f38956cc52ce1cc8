package dev.arena.service.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Locale;

/**
 * {@code arena_store_available{store="redis"|"postgresql"}}: 1 while the store answers its watch's
 * pings, 0 while it is stalled or down (what readiness reports, as a metric an alert can read).
 */
@Startup
@ApplicationScoped
public class StoreAvailability {

    public StoreAvailability(MeterRegistry registry, @Any Instance<StoreWatch> watches) {
        for (StoreWatch watch : watches) {
            Gauge.builder("arena.store.available", watch, w -> w.stalled() ? 0 : 1)
                    .tag("store", watch.store().name().toLowerCase(Locale.ROOT))
                    .description("1 while the store answers this service's pings, 0 while it is stalled or down")
                    .register(registry);
        }
    }
}
