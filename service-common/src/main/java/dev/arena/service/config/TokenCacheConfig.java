package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many verified bearer tokens a service remembers (see VerifiedTokenCache). */
@ConfigMapping(prefix = "arena.security.token-cache")
public interface TokenCacheConfig {

    /**
     * Tokens remembered at most, besides those of open lobby sockets (held apart, see
     * VerifiedTokenCache#hold). A remembered token costs about 3 KB of heap: 50,000 of them filled
     * the lobby's old generation in the matchmaking benchmark (a third of its CPU went to full
     * collections), and the Kubernetes limit gives a service about 256 MB of heap.
     */
    @WithDefault("10000")
    int maxSize();
}
