package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a player-facing request or socket frame may wait for its stores (see BoundedWait and StoreWatch). */
@ConfigMapping(prefix = "arena.request")
public interface RequestConfig {

    /**
     * The longest a request waits for its stores before it is answered 503 with Retry-After (a
     * socket frame: {@code err unavailable}), whatever the cause. Far above a healthy answer, even
     * a freshly started service's under a crowd on a busy machine, where answers of several
     * seconds are slow, not lost: shedding them turns away players who would have played.
     */
    @WithDefault("PT10S")
    Duration deadline();

    /**
     * A store (Redis, PostgreSQL) that does not answer a ping within this is stalled: every
     * request waiting on it is answered 503 at once, new ones too, and readiness is DOWN until a
     * ping is answered again. The ping is judged on an event loop of its own after one more turn
     * of that loop (StoreWatch), so a service that a crowd keeps busy is not taken for a stalled
     * store.
     */
    @WithDefault("PT1S")
    Duration storeStallTimeout();

    /** How often each store is pinged; a stall is noticed within this plus the timeout. */
    @WithDefault("PT0.5S")
    Duration storeCheckInterval();
}
