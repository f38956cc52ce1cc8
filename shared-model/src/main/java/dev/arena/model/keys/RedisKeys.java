package dev.arena.model.keys;

import java.time.Duration;
import java.util.Optional;

/**
 * Every Redis key name, built behind a hash tag so the same Lua scripts run on one Redis and on
 * Redis Cluster: matchmaking keys share the shard tag ({@code {arena}:...}), so one script may
 * touch any of them; a running match's snapshot is tagged by its room id, so those spread over
 * the cluster. Thread-safe and immutable.
 */
public final class RedisKeys {

    /** The shard of a deployment that runs only one. */
    public static final String DEFAULT_SHARD = "arena";

    /** The keys of the default shard. */
    public static final RedisKeys DEFAULT = new RedisKeys(DEFAULT_SHARD);

    /** Lifetime of {@code room:{id}}: a room that never starts is cleaned up by Redis itself. */
    public static final Duration ROOM_TTL = Duration.ofMinutes(10);

    /** Lifetime of {@code player:{id}}, refreshed while the player is online. */
    public static final Duration PLAYER_TTL = Duration.ofMinutes(5);

    /**
     * Lifetime of a room's lease ({@link #roomLease(String)}), refreshed with every heartbeat of its
     * node; a takeover revokes it, so it only has to outlast a few heartbeats.
     */
    public static final Duration ROOM_LEASE_TTL = Duration.ofSeconds(3);

    /** The consumer group of matchmakers on {@code lobby:joins}. */
    public static final String MATCHMAKER_GROUP = "matchmakers";

    /** The consumer group of a game node on its own {@code game:node:{id}:rooms} stream. */
    public static final String NODE_GROUP = "node";

    private static final int MAX_ID_LENGTH = 128;

    private final String shard;
    private final String tag;
    private final String roomPrefix;
    private final String playersQueue;
    private final String lobbyJoins;
    private final String roomsAvailable;
    private final String gameNodes;
    private final String roomEvents;
    private final String gameEvents;
    private final String leaderboard;

    /** The keys of shard {@code shard} (letters, digits, {@code . _ -}). */
    public RedisKeys(String shard) {
        this.shard = checkId(shard, "shard");
        this.tag = "{" + shard + "}";
        this.roomPrefix = tag + ":room:";
        // The fixed names are built once; the hot paths only concatenate ids.
        this.playersQueue = tag + ":players_queue";
        this.lobbyJoins = tag + ":lobby:joins";
        this.roomsAvailable = tag + ":rooms:available";
        this.gameNodes = tag + ":game:nodes";
        this.roomEvents = tag + ":room-events";
        this.gameEvents = tag + ":game:events";
        this.leaderboard = tag + ":leaderboard";
    }

    /** The shard name, e.g. {@code arena}. */
    public String shard() {
        return shard;
    }

    /** The hash tag of this shard's keys, e.g. {@code {arena}}. */
    public String tag() {
        return tag;
    }

    /**
     * The prefix every matchmaking key starts with, e.g. {@code {arena}:}: Lua scripts build the
     * keys of rooms and players they only learn about while running from it.
     */
    public String keyPrefix() {
        return tag + ":";
    }

    /**
     * Sorted set: room id → the next moment the matchmaker must look at the room (wait timeout,
     * countdown end, arrival deadline), so its sweep finds due rooms without KEYS or SCAN.
     */
    public String roomDeadlines() {
        return tag + ":rooms:deadlines";
    }

    /** Sorted set: player id → enqueue time (epoch ms); the oldest waits least. */
    public String playersQueue() {
        return playersQueue;
    }

    /** Stream of join and leave events, read by the matchmakers through a consumer group. */
    public String lobbyJoins() {
        return lobbyJoins;
    }

    /**
     * Counter (no TTL): the sequence number of the last lobby socket opened on any lobby instance;
     * the newest socket of a player (highest number, {@link PlayerFields#SID_SEQ}) is the one kept.
     */
    public String lobbySocketSeq() {
        return tag + ":lobby:socket-seq";
    }

    /** Sorted set: room id → player count, for fullest-first placement. */
    public String roomsAvailable() {
        return roomsAvailable;
    }

    /** Hash with the room's metadata ({@link RoomFields}); TTL {@link #ROOM_TTL}. */
    public String room(String roomId) {
        return roomPrefix + checkId(roomId, "roomId");
    }

    /** Set of the room's member player ids. */
    public String roomPlayers(String roomId) {
        return room(roomId) + ":players";
    }

    /**
     * String holding the id of the game node that owns the running room, with a TTL
     * ({@link #ROOM_LEASE_TTL}) the owner refreshes; another node may take the room only once it expired.
     */
    public String roomLease(String roomId) {
        return room(roomId) + ":lease";
    }

    /** Shadow string whose expiry event tells the matchmaker the room's wait or countdown is over. */
    public String roomExpiry(String roomId) {
        return room(roomId) + ":expiry";
    }

    /**
     * The room id of a key from {@link #roomExpiry(String)} of this shard, as received in an
     * {@code expired} keyspace notification; empty for any other key.
     */
    public Optional<String> roomIdOfExpiryKey(String key) {
        String suffix = ":expiry";
        if (key == null || !key.startsWith(roomPrefix) || !key.endsWith(suffix)) {
            return Optional.empty();
        }
        int end = key.length() - suffix.length();
        if (end <= roomPrefix.length()) {
            return Optional.empty();
        }
        String roomId = key.substring(roomPrefix.length(), end);
        return isValidId(roomId) ? Optional.of(roomId) : Optional.empty();
    }

    /** Hash with the player's state ({@link PlayerFields}); TTL {@link #PLAYER_TTL}, refreshed while online. */
    public String player(String playerId) {
        return tag + ":player:" + checkId(playerId, "playerId");
    }

    /**
     * Sorted set: live game node id → load, the players of the rooms granted to it and not ended.
     * The matchmaker counts grants and releases; a node adds itself and may only raise its score
     * to the players it runs ({@code ZADD GT}), which repairs a count lost while it was pruned.
     */
    public String gameNodes() {
        return gameNodes;
    }

    /**
     * String with a TTL that the node refreshes; when it expires the node counts as dead. Its value
     * is the node's {@link dev.arena.model.events.NodeLoad} JSON, whose capacity start.lua reads.
     */
    public String gameNodeHeartbeat(String nodeId) {
        return tag + ":game:node:" + checkId(nodeId, "nodeId") + ":heartbeat";
    }

    /**
     * Set of the rooms granted to a node and not yet ended, dissolved or moved (the matchmaker's
     * scripts keep it): where a takeover finds a lost node's rooms.
     */
    public String gameNodeGranted(String nodeId) {
        return tag + ":game:node:" + checkId(nodeId, "nodeId") + ":granted";
    }

    /** Set of game nodes whose heartbeat lapsed while rooms were granted to them, until every such room has a new node. */
    public String gameNodesLost() {
        return tag + ":game:nodes:lost";
    }

    /** Stream that hands started rooms to a node; durable across the node's restart. */
    public String gameNodeRooms(String nodeId) {
        return tag + ":game:node:" + checkId(nodeId, "nodeId") + ":rooms";
    }

    /**
     * Stream of what game nodes report about their rooms (running, a player arrived, the match
     * ended: {@link dev.arena.model.events.NodeEvent}), read by the matchmakers' consumer group.
     */
    public String gameEvents() {
        return gameEvents;
    }

    /** Pub/sub channel of room changes (membership, countdown, start) the lobbies push to sockets. */
    public String roomEvents() {
        return roomEvents;
    }

    /**
     * Hash with the last stored state of a running match. Tagged by room id, not by shard, so
     * snapshots spread over a cluster; room ids must therefore be unique across shards (UUIDs).
     */
    public String roomSnapshot(String roomId) {
        return "room:{" + checkId(roomId, "roomId") + "}:snapshot";
    }

    /** Sorted set: player id → total score. */
    public String leaderboard() {
        return leaderboard;
    }

    /**
     * Whether {@code id} is safe inside a key: 1 to 128 of letters, digits, {@code .}, {@code _}
     * and {@code -}. Braces would change the hash tag, {@code :} would make two keys collide
     * ({@code room:a:players} of room {@code a} vs room {@code a:players}), glob characters would
     * break SCAN patterns.
     */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String checkId(String id, String what) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException(
                    what + " must be 1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        return id;
    }

    @Override
    public String toString() {
        return "RedisKeys" + tag;
    }
}
