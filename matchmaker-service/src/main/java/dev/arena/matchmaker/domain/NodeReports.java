package dev.arena.matchmaker.domain;

import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.events.NodeEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies what game nodes report about the rooms granted to them (running, a player arrived, the
 * match ended) to the rooms and placements, which only the matchmaker writes. A report about a
 * grant that is no longer current (the room was reverted, dissolved or granted again) is stale
 * and changes nothing: the epoch is the fence.
 */
@ApplicationScoped
public class NodeReports {

    private static final Logger LOG = Logger.getLogger(NodeReports.class);

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;
    private final MatchmakerMetrics metrics;

    public NodeReports(RoomStore rooms, RoomLifecycle lifecycle, MatchmakerMetrics metrics) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    /**
     * Applies the readable reports in stream order in one round trip, except the settled arrivals,
     * which {@link #settle} applies after them; the Uni fails when Redis does.
     */
    public Uni<Void> apply(List<NodeReportEntry> entries) {
        List<NodeEvent> reports = readable(entries, false);
        if (reports.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return rooms.applyReports(reports).invoke(stale -> {
            metrics.nodeReports(reports.size(), stale);
            if (stale > 0) {
                LOG.debugf("%d of %d node reports were about grants no longer current", (Object) stale, reports.size());
            }
        }).replaceWithVoid();
    }

    /**
     * Settles the arrivals the nodes reported (no-shows dropped, a room with too few sent back to
     * waiting) and tells the players; blocking. After {@link #apply} of the same batch, so a
     * member's arrival reported just before counts.
     */
    public void settle(List<NodeReportEntry> entries) {
        List<NodeEvent> settled = readable(entries, true);
        if (!settled.isEmpty()) {
            lifecycle.settle(settled);
        }
    }

    // The reports this version could read, the settlements or all the others, in stream order.
    private static List<NodeEvent> readable(List<NodeReportEntry> entries, boolean settlements) {
        List<NodeEvent> reports = new ArrayList<>(entries.size());
        for (NodeReportEntry entry : entries) {
            if (entry.report() != null && (entry.report().type() == NodeEvent.Type.SETTLED) == settlements) {
                reports.add(entry.report());
            }
        }
        return reports;
    }
}
