package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many verified bearer tokens a service remembers (see VerifiedTokenCache). */
@ConfigMapping(prefix = "arena.security.token-cache")
public interface TokenCacheConfig {

    /**
     * Tokens remembered at most: at least the players one instance keeps connected, since each of
     * them presents the same token on every call. A remembered token costs about 5 KB of heap.
     */
    @WithDefault("50000")
    int maxSize();
}
