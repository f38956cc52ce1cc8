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
     * a freshly started service's under a crowd on a busy machine, where answers of several
     * seconds are slow, not lost: shedding them turns away players who would have played.
     */
    @WithDefault("PT10S")
    Duration deadline();

    /**
     * A Redis that does not answer a PING within this is stalled: every request waiting on it is
     * answered 503 at once, new ones too, and readiness is DOWN until a PING is answered again.
     * The default is generous for the same reason as the deadline: a service whose event loops a
     * crowd keeps busy (sharing its cores with the others) reads its ping's answer seconds late,
     * and calling that a stall sheds players who would have played. With cores of its own, a
     * service can take 1 s and answer a real stall within about a second.
     */
    @WithDefault("PT10S")
    Duration redisStallTimeout();

    /** How often Redis is pinged to tell a stall; a stall is noticed within this plus the timeout. */
    @WithDefault("PT0.5S")
    Duration redisCheckInterval();
}
