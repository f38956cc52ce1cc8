package dev.arena.matchmaker.domain;

import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.PlayerNotice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handles a batch of join and leave events in stream order (fairness: first queued, first
 * placed): one pipelined round trip of assign.lua calls, then one of the room updates together
 * with the start of the rooms that filled up, then one of their match.ready notices.
 */
@ApplicationScoped
public class JoinHandler {

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;
    private final MatchmakerMetrics metrics;
    private final RoomPolicy policy = RoomPolicy.standard();

    public JoinHandler(RoomStore rooms, RoomLifecycle lifecycle, MatchmakerMetrics metrics) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    /** Places the joining players and tells every changed room; the caller acknowledges the entries after. */
    public void handle(List<JoinEntry> entries) {
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
        List<PlayerNotice> updates = new ArrayList<>(changed.size());
        changed.values().forEach(room -> updates.add(lifecycle.notices().roomUpdate(room)));
        if (full.isEmpty()) {
            lifecycle.publish(updates);
        } else {
            lifecycle.publishAndStart(updates, full);
        }
        leftRooms.removeAll(changed.keySet());
        if (!leftRooms.isEmpty()) {
            lifecycle.announce(new ArrayList<>(leftRooms));
        }
    }
}
