package dev.arena.game.config;

import dev.arena.model.rules.GameRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The game node's settings: who it is, how fast it ticks and sends, and the limits it enforces on sockets. */
@ConfigMapping(prefix = "arena.game")
public interface GameConfig {

    /** This node's id (env {@code ARENA_GAME_NODE_ID}); nginx routes {@code /game/{nodeId}/...} on it, so it must be stable across restarts. */
    @WithDefault("game-1")
    String nodeId();

    /** Simulation step: 15 ms is 66.67 Hz, the Source engine's default tick. */
    @WithDefault("15")
    long tickMs();

    /**
     * Snapshots per second to clients, rounded to a whole number of ticks so they leave at one even
     * interval (20 on a 15 ms tick: every 3rd tick, 22.2 Hz); with ~100 ms interpolation that keeps
     * motion smooth at a third of the tick rate's bandwidth.
     */
    @WithDefault("20")
    double sendRateHz();

    /** How long a match runs. */
    @WithDefault("PT3M")
    Duration matchLength();

    /**
     * Decoded inputs a room buffers between two ticks. Five players at about 30 inputs/s send about
     * 2 per tick; 64 absorbs a stall of several hundred ms before the oldest are dropped.
     */
    @WithDefault("64")
    int inboxSize();

    /** How often each running match's positions and scores go to Redis: at most this much movement is lost in a crash. */
    @WithDefault("PT1S")
    Duration snapshotInterval();

    /** How often positions and scores go to PostgreSQL (the fallback when Redis lost a snapshot); slower, since it is only the second line. */
    @WithDefault("PT10S")
    Duration positionsInterval();

    /** How often the node announces itself (heartbeat, load, and the leases of its rooms). */
    @WithDefault("PT0.5S")
    Duration heartbeatInterval();

    /**
     * How long the heartbeat key lives: a node silent this long counts as dead and the matchmaker
     * gives its rooms to other nodes, so it is most of the time from a crash to the players' first
     * snapshot on the new node (DESIGN.md: p99 at most 3 s; with 2 s it was 2.7 to 3.1 s). Three
     * beats, so a node whose announcer is a beat late (a GC pause, a saturated core) is not taken
     * for dead; the announcer and its Redis client have a thread and an event loop of their own, and
     * a crowd of 1,500 on the node's shared core did not make it miss one.
     */
    @WithDefault("PT1.5S")
    Duration heartbeatTtl();

    /** How often connected players' hashes get their TTL back; well inside {@code RedisKeys.PLAYER_TTL} (5 min). */
    @WithDefault("PT1M")
    Duration presenceRefresh();

    /** How long one read of the room stream waits for a handoff; bounds how long a stop waits for the reader. */
    @WithDefault("PT2S")
    Duration intakeBlock();

    /**
     * Handoffs taken per read of the room stream: their leases are claimed and their start reported
     * in one round trip each, so a crowd's rooms start in a few batches rather than one by one.
     */
    @WithDefault("100")
    int intakeBatch();

    /**
     * The most players this node takes (env {@code ARENA_GAME_CAPACITY}): the matchmaker grants it
     * no room that would go beyond, and holds rooms while every node is full, so a crowd waits for a
     * node rather than degrading every match on one. Set it to the players one node core keeps
     * within the snapshot-interval and input round-trip targets on the deployment's own hardware
     * (./stack bench capacity measures it); the default is what that held on a 2-core EPYC.
     */
    @WithDefault("500")
    int capacity();

    /** Entries kept in the {@code game:events} stream the node reports to (approximate trim); far above any backlog. */
    @WithDefault("100000")
    long eventsMaxLength();

    /**
     * How long a shutdown (SIGTERM) may spend writing the final snapshots and waiting for the
     * sockets to close; bounded well inside Kubernetes' 30 s grace period.
     */
    @WithDefault("PT5S")
    Duration drainTimeout();


    /** Frames per second a socket may send (clients send inputs at about 30/s); above it frames are dropped. */
    @WithDefault("60")
    int framesPerSecond();

    /** A second with more than this many times the frame rate counts as flooding. */
    @WithDefault("3")
    int floodFactor();

    /** Consecutive flooding seconds after which the socket is closed with 1008. */
    @WithDefault("2")
    int floodSeconds();

    /** The rules of this node's matches: the shared defaults with this node's tick, (even) send rate and match length. */
    default GameRules rules() {
        return GameRules.DEFAULTS.withTiming(tickMs(), sendRateHz(), matchLength().toMillis()).withEvenSendRate();
    }
}
