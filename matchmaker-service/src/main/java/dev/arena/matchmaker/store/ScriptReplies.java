package dev.arena.matchmaker.store;

import dev.arena.matchmaker.domain.ArrivalOutcome;
import dev.arena.matchmaker.domain.AssignOutcome;
import dev.arena.matchmaker.domain.DueOutcome;
import dev.arena.matchmaker.domain.LeaveOutcome;
import dev.arena.matchmaker.domain.Member;
import dev.arena.matchmaker.domain.RoomDetails;
import dev.arena.matchmaker.domain.RoomSummary;
import dev.arena.matchmaker.domain.RoomView;
import dev.arena.matchmaker.domain.StartOutcome;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the scripts' compact array replies (see each script's header) into domain records. */
final class ScriptReplies {

    private ScriptReplies() {}

    /** The outcome of each player of one assign.lua call, in the order given; every placement shows its room as the call left it. */
    static List<AssignOutcome> assign(List<String> playerIds, Response reply) {
        int players = Integer.parseInt(str(reply, 0));
        Map<String, RoomView> rooms = roomViews(reply, 1 + 2 * players);
        List<AssignOutcome> outcomes = new ArrayList<>(players);
        for (int p = 0; p < players; p++) {
            String room = str(reply, 1 + 2 * p);
            outcomes.add(room.isEmpty() ? new AssignOutcome.Stale(playerIds.get(p))
                    : new AssignOutcome.Assigned(playerIds.get(p), rooms.get(room), Integer.parseInt(str(reply, 2 + 2 * p))));
        }
        return outcomes;
    }

    /** Each player's status after one leave.lua call, and the rooms it changed; {@code requests} as given to the call. */
    static LeaveOutcome leave(List<LobbyEvent> requests, Response reply) {
        int players = Integer.parseInt(str(reply, 0));
        Map<String, PlayerStatus> statusAfter = new LinkedHashMap<>();
        for (int p = 0; p < players; p++) {
            statusAfter.put(requests.get(p).playerId(), PlayerStatus.fromWire(str(reply, 1 + p)).orElse(PlayerStatus.IDLE));
        }
        return new LeaveOutcome(statusAfter, List.copyOf(roomViews(reply, 1 + players).values()));
    }

    // The rooms a script reply lists from {@code from} on: room, state, deadline or '', m, then m members.
    private static Map<String, RoomView> roomViews(Response reply, int from) {
        Map<String, RoomView> rooms = new LinkedHashMap<>();
        int i = from;
        while (i + 3 < reply.size()) {
            int count = Integer.parseInt(str(reply, i + 3));
            int next = i + 4 + 3 * count;
            String room = str(reply, i);
            rooms.put(room, new RoomView(room, state(str(reply, i + 1)), optLong(str(reply, i + 2)), members(reply, i + 4, next)));
            i = next;
        }
        return rooms;
    }

    static StartOutcome start(String roomId, Response reply) {
        return switch (str(reply, 0)) {
            case "started" -> new StartOutcome.Started(roomId, str(reply, 1), strings(reply, 2));
            case "no_node" -> new StartOutcome.NoNode(
                    new RoomView(roomId, state(str(reply, 1)), optLong(str(reply, 2)), members(reply, 3)));
            case "gone" -> new StartOutcome.Gone(roomId);
            default -> new StartOutcome.NotStartable(roomId, state(str(reply, 1)));
        };
    }

    static DueOutcome due(String roomId, Response reply) {
        return switch (str(reply, 0)) {
            case "start" -> new DueOutcome.Start(roomId);
            case "not_due" -> new DueOutcome.NotDue(roomId);
            case "busy" -> new DueOutcome.Handed(roomId, state(str(reply, 1)));
            case "dissolved" -> new DueOutcome.Dissolved(roomId, strings(reply, 1));
            default -> new DueOutcome.Gone(roomId);
        };
    }

    static ArrivalOutcome arrival(String roomId, Response reply) {
        String outcome = str(reply, 0);
        if (!"continued".equals(outcome) && !"reverted".equals(outcome)) {
            return new ArrivalOutcome.Unchanged(roomId);
        }
        boolean continued = "continued".equals(outcome);
        int dropped = Integer.parseInt(str(reply, 2));
        List<String> droppedIds = strings(reply, 3).subList(0, dropped);
        RoomView remaining = new RoomView(roomId, continued ? RoomState.STARTING : RoomState.WAITING, null,
                members(reply, 3 + dropped));
        return new ArrivalOutcome.Settled(roomId, continued, str(reply, 1), droppedIds, remaining);
    }

    /** How many reports of a node_events.lua call were stale. */
    static int stale(Response reply) {
        int stale = 0;
        for (int i = 0; i < reply.size(); i++) {
            if ("stale".equals(str(reply, i))) {
                stale++;
            }
        }
        return stale;
    }

    static Optional<RoomDetails> details(String roomId, Response reply) {
        if (reply == null || reply.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(new RoomDetails(roomId, state(str(reply, 0)), optLong(str(reply, 1)),
                emptyToNull(str(reply, 2)), optLong(str(reply, 3)), optLong(str(reply, 4)), members(reply, 5)));
    }

    /** The rooms of a rooms.lua reply (its first element, the entries scanned, is {@link #scanned}'s). */
    static List<RoomSummary> rooms(Response reply) {
        List<RoomSummary> rooms = new ArrayList<>(reply.size() / 4);
        for (int i = 1; i + 3 < reply.size(); i += 4) {
            rooms.add(new RoomSummary(str(reply, i), state(str(reply, i + 1)), Integer.parseInt(str(reply, i + 2)),
                    (long) Double.parseDouble(str(reply, i + 3))));
        }
        return rooms;
    }

    /** How many entries of rooms:deadlines a rooms.lua call scanned. */
    static int scanned(Response reply) {
        return Integer.parseInt(str(reply, 0));
    }

    /** takeover.lua's reply: each room moved off {@code lostNode}, as a grant to its new node. */
    static List<StartOutcome.Started> takeover(String lostNode, Response reply) {
        List<StartOutcome.Started> moved = new ArrayList<>();
        int i = 1; // after 'done', 'waiting' or 'back'
        while (i + 2 < reply.size()) {
            String room = str(reply, i);
            String node = str(reply, i + 1);
            int count = Integer.parseInt(str(reply, i + 2));
            List<String> members = new ArrayList<>(count);
            for (int m = i + 3; m < i + 3 + count; m++) {
                members.add(str(reply, m));
            }
            moved.add(new StartOutcome.Started(room, node, members));
            i += 3 + count;
        }
        return moved;
    }

    static List<String> strings(Response reply, int from) {
        List<String> values = new ArrayList<>(Math.max(0, reply.size() - from));
        for (int i = from; i < reply.size(); i++) {
            values.add(str(reply, i));
        }
        return values;
    }

    private static List<Member> members(Response reply, int from) {
        return members(reply, from, reply.size());
    }

    private static List<Member> members(Response reply, int from, int to) {
        List<Member> members = new ArrayList<>(5);
        for (int i = from; i + 2 < to; i += 3) {
            members.add(new Member(str(reply, i), str(reply, i + 1), str(reply, i + 2)));
        }
        return members;
    }

    private static String str(Response reply, int index) {
        Response value = reply == null || index >= reply.size() ? null : reply.get(index);
        return value == null ? "" : value.toString();
    }

    // Unknown states (a newer writer) read as waiting, which no script acts on wrongly: start.lua re-checks.
    private static RoomState state(String wire) {
        return RoomState.fromWire(wire).orElse(RoomState.WAITING);
    }

    private static Long optLong(String value) {
        return value.isEmpty() ? null : (long) Double.parseDouble(value);
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
