package dev.arena.matchmaker.domain;

import dev.arena.matchmaker.store.NoticePublisher;
import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.PlayerNotice;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves rooms on after their deadlines: start (match.ready, or "waiting for a free game node"),
 * dissolve, arrival checks. Blocking: called from the matchmaker's own threads and worker threads.
 */
@ApplicationScoped
public class RoomLifecycle {

    /** The longest a Redis round trip may take before the caller gives up (and retries later). */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RoomLifecycle.class);

    private final RoomStore rooms;
    private final NoticePublisher publisher;
    private final Notices notices;
    private final RoomPolicy policy = RoomPolicy.standard();

    public RoomLifecycle(RoomStore rooms, NoticePublisher publisher, MessageCodec codec) {
        this.rooms = rooms;
        this.publisher = publisher;
        this.notices = new Notices(codec);
    }

    /** Tries to start the rooms and tells their members the outcome. */
    public List<StartOutcome> start(List<String> roomIds) {
        return publishAndStart(List.of(), roomIds);
    }

    /**
     * Publishes {@code updates} and tries to start the rooms in one round trip, the updates first
     * (a member sees their room before its match.ready), then tells the members the outcome.
     */
    public List<StartOutcome> publishAndStart(List<PlayerNotice> updates, List<String> roomIds) {
        List<StartOutcome> outcomes = rooms.start(() -> publisher.requests(updates), roomIds).await().atMost(REDIS_TIMEOUT);
        List<PlayerNotice> ready = new ArrayList<>();
        List<PlayerNotice> waiting = new ArrayList<>();
        for (StartOutcome outcome : outcomes) {
            if (outcome instanceof StartOutcome.Started started) {
                ready.add(notices.matchReady(started));
            } else if (outcome instanceof StartOutcome.NoNode noNode) {
                waiting.add(notices.waitingForNode(noNode.room()));
            }
        }
        // match.ready is not awaited (the join consumer's next batch need not wait a round trip for
        // it): nothing published later can overtake it with news of its room, as a started room
        // gets no further update until its arrival deadline, seconds away.
        if (!ready.isEmpty()) {
            publisher.publish(ready).subscribe().with(sent -> {}, failure -> LOG.warnf("match.ready not published: %s", failure.toString()));
        }
        publish(waiting);
        return outcomes;
    }

    /**
     * Gives the rooms of the {@code lost} game nodes (their heartbeat lapsed) to live nodes (each on
     * its new node's handoff stream, under a new epoch) and sends their members match.ready with the
     * new address, so the players follow without doing anything. Returns the rooms moved.
     */
    public List<StartOutcome.Started> takeOver(List<String> lost) {
        List<StartOutcome.Started> moved = rooms.takeOver(lost).await().atMost(REDIS_TIMEOUT);
        if (!moved.isEmpty()) {
            moved.forEach(room -> LOG.infof("room %s taken over by node %s (%d members)", room.roomId(), room.nodeId(),
                    room.members().size()));
            publish(moved.stream().map(notices::matchReady).toList());
        }
        return moved;
    }

    /** Acts on rooms whose deadline passed (expiry notification or sweep). */
    public void onDue(List<String> roomIds) {
        List<String> toStart = new ArrayList<>();
        List<String> toCheck = new ArrayList<>();
        for (DueOutcome outcome : rooms.due(roomIds).await().atMost(REDIS_TIMEOUT)) {
            switch (policy.afterDue(outcome)) {
                case START -> toStart.add(outcome.roomId());
                case CHECK_ARRIVALS -> toCheck.add(outcome.roomId());
                case NONE -> logDissolved(outcome);
            }
        }
        if (!toCheck.isEmpty()) {
            checkArrivals(toCheck);
        }
        if (!toStart.isEmpty()) {
            start(toStart);
        }
    }

    /**
     * The fallback arrival check of running rooms whose node has not settled them (it waits on
     * while the node lives); tells those dropped and the others. One round trip for all the rooms,
     * so a crowd's deadlines never keep the sweep's thread busy.
     */
    private void checkArrivals(List<String> roomIds) {
        tell(rooms.checkArrivals(roomIds).await().atMost(REDIS_TIMEOUT));
    }

    /** Settles the arrivals of rooms as their nodes reported them; tells the dropped and the members of a room sent back. */
    public void settle(List<NodeEvent> settled) {
        tell(rooms.settle(settled).await().atMost(REDIS_TIMEOUT));
    }

    private void tell(List<ArrivalOutcome> outcomes) {
        List<PlayerNotice> out = new ArrayList<>();
        for (ArrivalOutcome outcome : outcomes) {
            if (outcome instanceof ArrivalOutcome.Settled settled) {
                if (!settled.dropped().isEmpty()) {
                    out.add(notices.dropped(settled.dropped()));
                    LOG.infof("room %s: dropped %s for not arriving; %s", settled.roomId(), settled.dropped(),
                            settled.continued() ? "the match goes on" : "back to waiting");
                }
                if (!settled.continued()) {
                    out.add(notices.roomUpdate(settled.remaining()));
                }
            }
        }
        publish(out);
    }

    /** Dissolves a room on an operator's request; empty when the room does not exist. */
    public Optional<List<String>> dissolve(String roomId) {
        DueOutcome outcome = rooms.dissolve(roomId).await().atMost(REDIS_TIMEOUT);
        logDissolved(outcome);
        return outcome instanceof DueOutcome.Dissolved dissolved ? Optional.of(dissolved.requeued()) : Optional.empty();
    }

    /** Publishes notices built elsewhere (the join consumer's room updates). */
    public void publish(List<PlayerNotice> out) {
        if (!out.isEmpty()) {
            publisher.publish(out).await().atMost(REDIS_TIMEOUT);
        }
    }

    /** The builder of notices this lifecycle uses. */
    public Notices notices() {
        return notices;
    }

    private static void logDissolved(DueOutcome outcome) {
        if (outcome instanceof DueOutcome.Dissolved dissolved) {
            LOG.infof("room %s dissolved; re-queued %s", dissolved.roomId(), dissolved.requeued());
        }
    }
}
