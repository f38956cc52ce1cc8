package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a player-facing request or socket frame may wait for its stores (see BoundedWait). */
@ConfigMapping(prefix = "arena.request")
public interface RequestConfig {

    /**
     * The longest a request waits for Redis or PostgreSQL before it is answered 503 with
     * Retry-After (a socket frame: {@code err unavailable}). Far above a healthy answer (a few
     * milliseconds, some hundreds under a crowd's burst), short enough that a stalled store
     * neither holds players' requests nor piles them up in the connection pools.
     */
    @WithDefault("PT1.5S")
    Duration deadline();
}
