package dev.arena.matchmaker.domain;

import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.PlayerNotice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handles a batch of join and leave events in stream order (fairness: first queued, first
 * placed) in two steps: {@link #place} runs the assign.lua calls in one pipelined round trip;
 * {@link #tell} then publishes the room updates together with the start of the rooms that filled
 * up, then their match.ready notices (a room that filled up gets no room.update of its own). The
 * join consumer runs the next batch's placement while this one's members are told.
 */
@ApplicationScoped
public class JoinHandler {

    /** What a batch's placement changed: one room.update per room not starting now, the rooms to start now, the rooms players left. */
    public record Placement(List<PlayerNotice> updates, List<String> full, List<String> leftRooms) {}

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;
    private final MatchmakerMetrics metrics;
    private final RoomPolicy policy = RoomPolicy.standard();

    public JoinHandler(RoomStore rooms, RoomLifecycle lifecycle, MatchmakerMetrics metrics) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    /** Places the joining players of a batch; blocking. */
    public Placement place(List<JoinEntry> entries) {
        if (entries.isEmpty()) {
            return new Placement(List.of(), List.of(), List.of());
        }
        metrics.batch(entries.size());
        List<String> joining = new ArrayList<>();
        List<Long> enqueuedAt = new ArrayList<>();
        Set<String> leftRooms = new LinkedHashSet<>();
        for (JoinEntry entry : entries) {
            if (entry.event() == null) {
                continue;
            }
            if (entry.event().type() == LobbyEvent.Type.JOIN) {
                joining.add(entry.event().playerId());
                enqueuedAt.add(entry.event().at());
            } else if (entry.event().roomId() != null) {
                leftRooms.add(entry.event().roomId());
            }
        }

        List<AssignOutcome> outcomes = rooms.assign(joining).await().atMost(RoomLifecycle.REDIS_TIMEOUT);
        long now = System.currentTimeMillis();
        // One room.update per room per batch, with the room as the last assignment left it.
        Map<String, RoomView> changed = new LinkedHashMap<>();
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
        List<PlayerNotice> updates = new ArrayList<>(changed.size());
        changed.values().stream().filter(room -> !starting.contains(room.roomId()))
                .forEach(room -> updates.add(lifecycle.notices().roomUpdate(room)));
        leftRooms.removeAll(changed.keySet());
        return new Placement(updates, full, new ArrayList<>(leftRooms));
    }

    /** Tells every room the placement changed and starts the full ones; blocking. */
    public void tell(Placement placement) {
        if (placement.full().isEmpty()) {
            lifecycle.publish(placement.updates());
        } else {
            lifecycle.publishAndStart(placement.updates(), placement.full());
        }
        if (!placement.leftRooms().isEmpty()) {
            lifecycle.announce(placement.leftRooms());
        }
    }
}
