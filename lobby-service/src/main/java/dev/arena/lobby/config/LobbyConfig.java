package dev.arena.lobby.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the lobby service. */
@ConfigMapping(prefix = "arena.lobby")
public interface LobbyConfig {

    /** How long a guest token stays valid; every call to the guest endpoint issues a fresh one. */
    @WithDefault("P7D")
    Duration tokenLifetime();
}
