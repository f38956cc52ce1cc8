package dev.arena.matchmaker.store;

import dev.arena.matchmaker.config.MatchmakerConfig;
import dev.arena.matchmaker.domain.ArrivalOutcome;
import dev.arena.matchmaker.domain.AssignOutcome;
import dev.arena.matchmaker.domain.DueOutcome;
import dev.arena.matchmaker.domain.LeaveOutcome;
import dev.arena.matchmaker.domain.RoomDetails;
import dev.arena.matchmaker.domain.RoomIds;
import dev.arena.matchmaker.domain.RoomPolicy;
import dev.arena.matchmaker.domain.RoomSummary;
import dev.arena.matchmaker.domain.RoomView;
import dev.arena.matchmaker.domain.StartOutcome;
import dev.arena.matchmaker.store.LuaScripts.Script;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Rooms in Redis: every change goes through a Lua script, many calls per pipelined round trip. */
@ApplicationScoped
public class RoomStore {

    /**
     * Rooms listed per rooms.lua call: a call holds Redis for as long as it runs, so one over
     * thousands of rooms would stall every other client for ten milliseconds or more; 128 keep a
     * call to a millisecond or two.
     */
    static final int ROOMS_PER_CALL = 128;

    /**
     * Players placed per assign.lua call: one call places a batch for about half the Redis time of
     * a call per player, and 64 hold Redis for under a millisecond.
     */
    static final int PLAYERS_PER_ASSIGN = 64;

    /** Node reports applied per node_events.lua call: like a placement, a few Redis calls each. */
    static final int REPORTS_PER_CALL = 64;

    private final LuaScripts scripts;
    private final Redis redis;
    private final RedisKeys keys;
    private final MatchmakerConfig config;
    private final RoomPolicy policy = RoomPolicy.standard();
    private final String prefix;
    private final String deadlines;

    public RoomStore(LuaScripts scripts, ReactiveRedisDataSource redis, RedisKeys keys, MatchmakerConfig config) {
        this.scripts = scripts;
        this.redis = redis.getRedis();
        this.keys = keys;
        this.config = config;
        this.prefix = keys.keyPrefix();
        this.deadlines = keys.roomDeadlines();
    }

    /**
     * Places each player (in this order, the stream's) with assign.lua, {@value #PLAYERS_PER_ASSIGN}
     * per call, every call in one pipeline.
     */
    public Uni<List<AssignOutcome>> assign(List<String> playerIds) {
        List<String> keyList = List.of(keys.playersQueue(), keys.roomsAvailable(), deadlines);
        return calls(slices(playerIds, PLAYERS_PER_ASSIGN), slice -> assignCall(keyList, slice), ScriptReplies::assign)
                .map(outcomes -> outcomes.stream().flatMap(List::stream).toList());
    }

    private Request assignCall(List<String> keyList, List<String> players) {
        List<String> args = new ArrayList<>(6 + 2 * players.size());
        args.addAll(List.of(prefix, str(policy.minPlayers()), str(policy.maxPlayers()), millis(config.countdown()),
                millis(config.waitTimeout()), Long.toString(RedisKeys.ROOM_TTL.toMillis())));
        long now = System.currentTimeMillis();
        for (String player : players) {
            args.add(player);
            args.add(RoomIds.at(now));
        }
        return scripts.call(Script.ASSIGN, keyList, args);
    }

    /**
     * Takes players out of their rooms as the lobby asked (leave.lua: leave and reset events), in
     * this order, {@value #PLAYERS_PER_ASSIGN} per call, every call in one pipeline; later calls'
     * views of a room supersede earlier ones.
     */
    public Uni<LeaveOutcome> leave(List<LobbyEvent> requests) {
        List<String> keyList = List.of(keys.roomsAvailable(), keys.playersQueue(), deadlines, keys.gameNodes());
        return calls(slices(requests, PLAYERS_PER_ASSIGN), slice -> leaveCall(keyList, slice), ScriptReplies::leave)
                .map(outcomes -> {
                    Map<String, PlayerStatus> statusAfter = new LinkedHashMap<>();
                    Map<String, RoomView> rooms = new LinkedHashMap<>();
                    for (LeaveOutcome outcome : outcomes) {
                        statusAfter.putAll(outcome.statusAfter());
                        outcome.changedRooms().forEach(room -> rooms.put(room.roomId(), room));
                    }
                    return new LeaveOutcome(statusAfter, List.copyOf(rooms.values()));
                });
    }

    private Request leaveCall(List<String> keyList, List<LobbyEvent> requests) {
        List<String> args = new ArrayList<>(2 + 2 * requests.size());
        args.addAll(List.of(prefix, str(policy.minPlayers())));
        for (LobbyEvent request : requests) {
            args.add(request.playerId());
            args.add(request.type().wire());
        }
        return scripts.call(Script.LEAVE, keyList, args);
    }

    /**
     * Tries to start each room with start.lua (the state move is the lock), in the same pipeline
     * after the commands {@code first} builds (Redis runs them first; their replies are dropped).
     */
    public Uni<List<StartOutcome>> start(Supplier<List<Request>> first, List<String> roomIds) {
        List<String> keyList = List.of(keys.gameNodes(), keys.roomsAvailable(), deadlines);
        return calls(first, roomIds, room -> scripts.call(Script.START, keyList, List.of(prefix, room, str(policy.minPlayers()),
                millis(config.startTimeout()), Long.toString(config.nodeStreamMaxLength()), millis(config.arrivalTimeout()))),
                ScriptReplies::start);
    }

    /** Decides each room whose deadline passed with expire.lua: start, dissolve or reschedule. */
    public Uni<List<DueOutcome>> due(List<String> roomIds) {
        return calls(roomIds, room -> expire(room, "due"), ScriptReplies::due);
    }

    /** Dissolves a room whatever its state, re-queueing its members at their original enqueue time. */
    public Uni<DueOutcome> dissolve(String roomId) {
        return calls(List.of(roomId), room -> expire(room, "dissolve"), ScriptReplies::due).map(list -> list.get(0));
    }

    /**
     * The fallback arrival check of running rooms whose node never settled them (arrival.lua,
     * 'deadline'): it waits on while the node's heartbeat lives. Every room in one pipeline.
     */
    public Uni<List<ArrivalOutcome>> checkArrivals(List<String> roomIds) {
        return calls(roomIds, room -> arrivalCall(room, List.of("deadline", millis(config.arrivalTimeout()))),
                ScriptReplies::arrival);
    }

    /** Settles the arrivals of rooms as their nodes reported them (arrival.lua, 'reported'), every room in one pipeline. */
    public Uni<List<ArrivalOutcome>> settle(List<NodeEvent> settled) {
        return calls(settled, report -> {
            List<String> args = new ArrayList<>(List.of("reported", report.nodeId(), Long.toString(report.epoch())));
            args.addAll(report.arrived());
            return arrivalCall(report.roomId(), args);
        }, (report, reply) -> ScriptReplies.arrival(report.roomId(), reply));
    }

    private Request arrivalCall(String room, List<String> modeArgs) {
        List<String> args = new ArrayList<>(List.of(prefix, room, str(policy.minPlayers()), millis(config.waitTimeout())));
        args.addAll(modeArgs);
        return scripts.call(Script.ARRIVAL, List.of(keys.roomsAvailable(), deadlines, keys.gameNodes()), args);
    }

    /**
     * Applies game nodes' reports (node_events.lua) in stream order, {@value #REPORTS_PER_CALL}
     * per call, every call in one pipeline; answers how many were stale (about a grant that is
     * no longer current).
     */
    public Uni<Integer> applyReports(List<NodeEvent> reports) {
        List<String> keyList = List.of(deadlines, keys.gameNodes(), keys.roomsAvailable());
        return calls(slices(reports, REPORTS_PER_CALL), slice -> reportsCall(keyList, slice), (slice, reply) -> ScriptReplies.stale(reply))
                .map(stale -> stale.stream().mapToInt(Integer::intValue).sum());
    }

    private Request reportsCall(List<String> keyList, List<NodeEvent> reports) {
        List<String> args = new ArrayList<>(4 + 5 * reports.size());
        // The node settles the arrivals; the matchmaker's own deadline only covers a node that dies first.
        String fallback = millis(config.arrivalTimeout().plus(config.startTimeout()));
        args.addAll(List.of(prefix, fallback, Long.toString(RedisKeys.ROOM_TTL.toMillis()),
                Long.toString(RedisKeys.PLAYER_TTL.toMillis())));
        for (NodeEvent report : reports) {
            args.add(report.type().wire());
            args.add(report.roomId());
            args.add(report.nodeId());
            args.add(Long.toString(report.epoch()));
            args.add(report.type() == NodeEvent.Type.ARRIVED ? report.playerId() : Long.toString(report.endsAt()));
        }
        return scripts.call(Script.NODE_EVENTS, keyList, args);
    }

    /** Rooms whose next deadline is at or before {@code epochMillis}, oldest first. */
    public Uni<List<String>> dueRooms(long epochMillis, int limit) {
        return redis.send(Request.cmd(Command.ZRANGE).arg(deadlines).arg("-inf").arg(epochMillis)
                        .arg("BYSCORE").arg("LIMIT").arg(0).arg(limit))
                .map(reply -> ScriptReplies.strings(reply, 0));
    }

    /** What a node check found: the nodes it removed just now, and every lost node whose rooms still wait for a new node. */
    public record NodeCheck(List<String> removed, List<String> lost) {}

    /**
     * Removes dead game nodes (no heartbeat) from game:nodes, in one round trip with the lost
     * nodes: those removed with rooms granted join them, and {@link #takeOver(List)} moves their rooms.
     */
    public Uni<NodeCheck> pruneDeadNodes() {
        return scripts.run(() -> List.of(scripts.call(Script.PRUNE_NODES, List.of(keys.gameNodes(), keys.gameNodesLost()),
                        List.of(prefix))))
                .map(replies -> new NodeCheck(ScriptReplies.strings(replies.get(0).get(0), 0),
                        ScriptReplies.strings(replies.get(0).get(1), 0)));
    }

    /**
     * Gives the rooms of the {@code lost} nodes to live nodes with room to spare (takeover.lua, one
     * call per lost node in one round trip); returns the rooms moved, each with its new node and members.
     */
    public Uni<List<StartOutcome.Started>> takeOver(List<String> lost) {
        return calls(lost, node -> scripts.call(Script.TAKEOVER,
                        List.of(keys.gameNodes(), keys.gameNodesLost(), deadlines),
                        List.of(prefix, node, Long.toString(config.nodeStreamMaxLength()), millis(config.arrivalTimeout()),
                                millis(config.startTimeout()))), ScriptReplies::takeover)
                .map(perNode -> perNode.stream().flatMap(List::stream).toList());
    }

    /**
     * The rooms the matchmaker still has to act on, at most {@code limit}, read {@value #ROOMS_PER_CALL}
     * per call so that Redis serves its other clients in between. So a listing is not one
     * snapshot: a room that moves in the deadline order meanwhile may be missed or seen twice (once
     * in the list, its later sighting).
     */
    public Uni<List<RoomSummary>> rooms(int limit) {
        return roomsFrom(0, limit, new LinkedHashMap<>());
    }

    private Uni<List<RoomSummary>> roomsFrom(int offset, int limit, Map<String, RoomSummary> seen) {
        int length = Math.min(ROOMS_PER_CALL, limit - offset);
        return scripts.run(() -> List.of(scripts.call(Script.ROOMS, List.of(deadlines), List.of(prefix, str(offset), str(length)))))
                .chain(replies -> {
                    Response reply = replies.get(0);
                    ScriptReplies.rooms(reply).forEach(room -> seen.put(room.roomId(), room));
                    boolean more = ScriptReplies.scanned(reply) == length && offset + length < limit;
                    return more ? roomsFrom(offset + length, limit, seen) : Uni.createFrom().item(List.copyOf(seen.values()));
                });
    }

    /** Each room as stored, or empty for an unknown one. */
    public Uni<List<Optional<RoomDetails>>> details(List<String> roomIds) {
        return calls(roomIds, room -> scripts.call(Script.VIEW, List.of(deadlines), List.of(prefix, room)),
                ScriptReplies::details);
    }

    /** The number of queued players. */
    public Uni<Long> queueLength() {
        return redis.send(Request.cmd(Command.ZCARD).arg(keys.playersQueue())).map(Response::toLong);
    }

    private Request expire(String room, String mode) {
        return scripts.call(Script.EXPIRE, List.of(keys.playersQueue(), keys.roomsAvailable(), deadlines, keys.lobbyJoins(),
                        keys.gameNodes()),
                List.of(prefix, room, mode, str(policy.minPlayers()), millis(config.waitTimeout())));
    }

    private <I, T> Uni<List<T>> calls(List<I> ids, Function<I, Request> call, BiFunction<I, Response, T> parse) {
        return calls(List::of, ids, call, parse);
    }

    private <I, T> Uni<List<T>> calls(Supplier<List<Request>> first, List<I> ids, Function<I, Request> call,
            BiFunction<I, Response, T> parse) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return scripts.run(() -> {
            List<Request> batch = new ArrayList<>(first.get());
            ids.forEach(id -> batch.add(call.apply(id)));
            return batch;
        }).map(replies -> {
            int offset = replies.size() - ids.size(); // the replies to first come before
            List<T> results = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                results.add(parse.apply(ids.get(i), replies.get(offset + i)));
            }
            return results;
        });
    }

    // Consecutive slices of at most {@code size} items, in order: one script call each.
    private static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }

    private static String str(int value) {
        return Integer.toString(value);
    }

    private static String millis(java.time.Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
