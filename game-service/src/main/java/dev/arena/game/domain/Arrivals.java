package dev.arena.game.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who of a room's members reached this node within the room's arrival window, counted by the node
 * from when it ran the room. The node, not the matchmaker, decides the no-shows: it knows when a
 * socket was accepted even when it is too busy to report it at once, so a slow node never costs
 * its players their match. Sockets record arrivals from their event loops; one reporter thread
 * settles.
 */
public final class Arrivals {

    private final List<String> roster;
    private final Set<String> members;
    private final Set<String> arrived = ConcurrentHashMap.newKeySet();
    private final long deadline;
    private boolean settled;

    /** The arrivals of {@code members}, due by {@code deadline} (epoch ms) at the latest. */
    public Arrivals(Collection<String> members, long deadline) {
        this.roster = List.copyOf(members);
        this.members = Set.copyOf(members);
        this.deadline = deadline;
    }

    /** Records a member's arrival; true the first time (a reconnect is no news), false for a non-member. */
    public boolean arrive(String playerId) {
        return members.contains(playerId) && arrived.add(playerId);
    }

    /**
     * The members who arrived, in roster order, once the arrivals are due (every member came, or the window is over
     * at {@code now}), and only the first time; null before and after. One caller thread.
     */
    public List<String> settleIfDue(long now) {
        if (settled || (arrived.size() < members.size() && now < deadline)) {
            return null;
        }
        settled = true;
        List<String> came = new ArrayList<>(roster.size());
        for (String member : roster) {
            if (arrived.contains(member)) {
                came.add(member);
            }
        }
        return came;
    }
}
