package dev.arena.matchmaker.domain;

import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.PlayerNotice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handles a batch of join and leave events (fairness: first queued, first placed) in two steps:
 * {@link #place} takes the leaving players out of their rooms (leave.lua) and then places the
 * joining ones (assign.lua), each in one pipelined round trip; {@link #tell} then publishes one
 * room.update per changed room and each leaver's answer together with the start of the rooms that
 * filled up, then their match.ready notices (a room that filled up gets no room.update of its
 * own). The join consumer runs the next batch's placement while this one's members are told.
 */
@ApplicationScoped
public class JoinHandler {

    /** What a batch's placement changed: the notices (room updates, leavers' answers), and the rooms to start now. */
    public record Placement(List<PlayerNotice> updates, List<String> full) {}

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;
    private final MatchmakerMetrics metrics;
    private final RoomPolicy policy = RoomPolicy.standard();

    public JoinHandler(RoomStore rooms, RoomLifecycle lifecycle, MatchmakerMetrics metrics) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    /** Takes the batch's leavers out of their rooms, then places its joining players; blocking. */
    public Placement place(List<JoinEntry> entries) {
        if (entries.isEmpty()) {
            return new Placement(List.of(), List.of());
        }
        metrics.batch(entries.size());
        List<String> joining = new ArrayList<>();
        List<Long> enqueuedAt = new ArrayList<>();
        List<LobbyEvent> leaving = new ArrayList<>();
        for (JoinEntry entry : entries) {
            if (entry.event() == null) {
                continue;
            }
            if (entry.event().type() == LobbyEvent.Type.JOIN) {
                joining.add(entry.event().playerId());
                enqueuedAt.add(entry.event().at());
            } else if (entry.event().leavesRoom()) {
                leaving.add(entry.event());
            }
        }

        // One room.update per room per batch, with the room as the last script left it.
        Map<String, RoomView> changed = new LinkedHashMap<>();
        List<PlayerNotice> answers = new ArrayList<>(leaving.size());
        if (!leaving.isEmpty()) {
            LeaveOutcome left = rooms.leave(leaving).await().atMost(RoomLifecycle.REDIS_TIMEOUT);
            left.changedRooms().forEach(room -> changed.put(room.roomId(), room));
            left.statusAfter().forEach((player, status) -> answers.add(lifecycle.notices().leaveAnswer(player, status)));
        }
        List<AssignOutcome> outcomes = rooms.assign(joining).await().atMost(RoomLifecycle.REDIS_TIMEOUT);
        long now = System.currentTimeMillis();
        List<String> full = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof AssignOutcome.Assigned assigned) {
                metrics.assigned(enqueuedAt.get(i), now);
                changed.put(assigned.room().roomId(), assigned.room());
                if (policy.startsNow(assigned)) {
                    full.add(assigned.room().roomId());
                }
            }
        }
        // A room that starts now is told by its start instead (match.ready, or "waiting for a free
        // game node" with its members): a room.update microseconds before it would be a frame per
        // member that no client acts on.
        Set<String> starting = new HashSet<>(full);
        List<PlayerNotice> updates = new ArrayList<>(changed.size() + answers.size());
        changed.values().stream().filter(room -> !starting.contains(room.roomId()))
                .forEach(room -> updates.add(lifecycle.notices().roomUpdate(room)));
        updates.addAll(answers);
        return new Placement(updates, full);
    }

    /** Tells every room the placement changed and every leaver, and starts the full rooms; blocking. */
    public void tell(Placement placement) {
        if (placement.full().isEmpty()) {
            lifecycle.publish(placement.updates());
        } else {
            lifecycle.publishAndStart(placement.updates(), placement.full());
        }
    }
}
