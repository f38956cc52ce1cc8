package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a player-facing request or socket frame may wait for its stores (see BoundedWait and RedisWatch). */
@ConfigMapping(prefix = "arena.request")
public interface RequestConfig {

    /**
     * The longest a request waits for its stores before it is answered 503 with Retry-After (a
     * socket frame: {@code err unavailable}), whatever the cause. Far above a healthy answer, even
     * a freshly started service's under a crowd (cold code, a busy machine: well over a second).
     */
    @WithDefault("PT5S")
    Duration deadline();

    /**
     * A Redis that does not answer a PING within this is stalled: every request waiting on it is
     * answered 503 at once, new ones too, and readiness is DOWN until a PING is answered again.
     */
    @WithDefault("PT1S")
    Duration redisStallTimeout();

    /** How often Redis is pinged to tell a stall; a stall is noticed within this plus the timeout. */
    @WithDefault("PT0.25S")
    Duration redisCheckInterval();
}
