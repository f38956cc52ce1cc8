package dev.arena.matchmaker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Timing and batching of the matchmaker ({@code arena.matchmaker.*}). */
@ConfigMapping(prefix = "arena.matchmaker")
public interface MatchmakerConfig {

    /** How long a room with the minimum of players waits for more before it starts (the contract's 10 s). */
    @WithDefault("10s")
    Duration countdown();

    /** How long a room below the minimum waits before it is dissolved, so its members can be placed elsewhere. */
    @WithDefault("60s")
    Duration waitTimeout();

    /**
     * How long a member has to reach the game node before being dropped: the arrival window the
     * handoff gives the node, which counts it from when it runs the room (not from match.ready: a
     * node slow to take a crowd's rooms or to report does not eat into the players' time).
     */
    @WithDefault("15s")
    Duration arrivalTimeout();

    /**
     * How long a room granted to a game node may wait for the node to report it running before it
     * is dissolved and its members queued again at their place (the node died or cannot keep up).
     */
    @WithDefault("30s")
    Duration startTimeout();

    /**
     * How long a join event may stay unacknowledged before another matchmaker takes it over;
     * well above a batch's processing time, so a live matchmaker is never robbed.
     */
    @WithDefault("30s")
    Duration claimTimeout();

    /** How often due rooms are looked for (catches missed expiry notifications). */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * How often the game nodes' heartbeats are checked, and the rooms of a node whose heartbeat is
     * gone given to live nodes. Redis expires a key it is not asked for only when a random sample
     * finds it (seconds, among many keys with a TTL), so the check asks for each heartbeat itself:
     * the time from a node's death to its takeover is the heartbeat's TTL plus at most this.
     */
    @WithDefault("0.25s")
    Duration nodeCheckInterval();

    /** Join events read and assigned per pipelined round trip; bounded by the client's waiting queue (2048). */
    @WithDefault("256")
    int batchSize();

    /** How long one read of the join stream blocks; also the worst-case delay of a clean shutdown. */
    @WithDefault("1s")
    Duration readBlock();

    /** This instance's consumer name in the group; defaults to the host name plus the process id. */
    Optional<String> consumerName();

    /** Entries kept in a game node's rooms stream (approximate trim). */
    @WithDefault("10000")
    long nodeStreamMaxLength();
}
