package dev.arena.lobby.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the lobby service. */
@ConfigMapping(prefix = "arena.lobby")
public interface LobbyConfig {

    /** How long a guest token stays valid; every call to the guest endpoint issues a fresh one. */
    @WithDefault("P7D")
    Duration tokenLifetime();

    /** How long a player whose lobby socket dropped stays queued (or in a waiting room) before being removed. */
    @WithDefault("PT30S")
    Duration disconnectGrace();

    /**
     * How long a leave from a room waits for the matchmaker to confirm it (it owns the room) before
     * the lobby answers 202 and lets the player's socket hear the outcome. Below
     * {@code arena.request.deadline}, which bounds the whole request.
     */
    @WithDefault("PT1S")
    Duration leaveConfirmTimeout();

    /**
     * Frames per second a lobby socket may send (a client pings every few seconds and queues or
     * leaves now and then); a frame above it is answered {@code err rate_limited}, and a socket
     * that keeps sending three times as many for two seconds in a row is closed with 1008.
     */
    @WithDefault("10")
    int socketFramesPerSecond();

    /** How often queued players held by this instance get a {@code queue.status} (position and wait). */
    @WithDefault("PT1S")
    Duration statusInterval();

    /**
     * How often every player held here is marked online again (sid, TTL) and checked for a status
     * change nobody pushed. A slice of them each status round, so a lobby holding thousands of
     * sockets spreads the work instead of reading every player every second; well under the
     * player record's 5 minute TTL.
     */
    @WithDefault("PT5S")
    Duration presenceInterval();

    /** Ticks of the status round per {@link #statusInterval()}: each tells a tenth of the queued players. */
    int STATUS_TICKS = 10;

    /** How often the status round ticks: a tenth of the status interval, at least 1 ms. */
    default Duration statusTick() {
        return Duration.ofMillis(Math.max(1, statusInterval().toMillis() / STATUS_TICKS));
    }

    /** Status ticks per presence interval: each held player's presence is refreshed in one of them, their slice. */
    default int presenceSlices() {
        return (int) Math.max(1, presenceInterval().toMillis() / statusTick().toMillis());
    }

    /**
     * Approximate cap of the {@code lobby:joins} stream ({@code XADD MAXLEN ~}). Entries beyond it
     * are trimmed even if no matchmaker read them, so keep it well above the backlog a matchmaker
     * outage can build (100,000 is about 20 s at 5,000 joins per second).
     */
    @WithDefault("100000")
    long joinsMaxLength();

    /** At most this many player hashes are visited to count players per status in {@code GET /admin/queue}. */
    @WithDefault("10000")
    int adminScanLimit();

    /** Limits of the feedback endpoint. */
    Feedback feedback();

    /** Limits of the public leaderboard. */
    Leaderboard leaderboard();

    /** The operator console's sign-in. */
    Console console();

    /** {@code arena.lobby.feedback.*}: how much one client may send. */
    interface Feedback {

        /** Feedback posts allowed per client IP in each {@link #rateWindow()}; more get 429. */
        @WithDefault("5")
        int ratePerWindow();

        /** The fixed window of the per-IP limit. */
        @WithDefault("PT1M")
        Duration rateWindow();

        /** At most this many rows per page of {@code GET /admin/feedback}. */
        @WithDefault("100")
        int maxPageSize();
    }

    /** {@code arena.lobby.leaderboard.*}: the public top list. */
    interface Leaderboard {

        /** Rows when the caller asks for no particular number. */
        @WithDefault("10")
        int defaultLimit();

        /** The most rows one call may ask for. */
        @WithDefault("100")
        int maxLimit();
    }

    /**
     * {@code arena.lobby.console.*}: who may sign in to the operator console and for how long. The
     * password comes from the environment ({@code ARENA_LOBBY_CONSOLE_PASSWORD}: a Kubernetes
     * Secret, Compose's environment, or the one {@code ./stack up} generates); without one, sign-in
     * is off and operators use tokens from {@code ./stack admin-token}.
     */
    interface Console {

        /** Fewer characters than this make a password too easy to guess: sign-in refuses to use it. */
        int MIN_PASSWORD_LENGTH = 12;

        /** The operators' password; at least {@link #MIN_PASSWORD_LENGTH} characters, else sign-in stays off. */
        Optional<String> password();

        /** How long the admin token of a sign-in stays valid. */
        @WithDefault("PT1H")
        Duration sessionLifetime();

        /** Sign-in attempts allowed per client IP in each {@link #attemptWindow()}; more get 429. */
        @WithDefault("10")
        int attemptsPerWindow();

        /** The fixed window of the per-IP attempt limit. */
        @WithDefault("PT5M")
        Duration attemptWindow();
    }

    /** Largest request body of every endpoint but the feedback post (413 above; see BodyLimitFilter). */
    @WithDefault("4K")
    MemorySize maxBodySize();
}
