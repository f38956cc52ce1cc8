package dev.arena.lobby.domain;

import dev.arena.lobby.store.PlayerRecord;
import dev.arena.model.api.Placement;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.model.state.PlayerStatus;

/** Turns a stored player record into the {@link Placement} a client uses to go back where it is. */
public final class Placements {

    /** Why a player in a running match cannot leave from the lobby. */
    public static final String IN_MATCH_MESSAGE = "you are in a match: leave it from the game";

    private Placements() {}

    /** Why a join was refused, for a player who is already somewhere. */
    public static String conflictMessage(Placement where) {
        return switch (where.status()) {
            case QUEUED -> "you are already in the queue";
            case IN_ROOM -> where.url() == null ? "you are already in a room" : "your match is starting";
            default -> "you are already in a match";
        };
    }

    public static Placement of(PlayerRecord record) {
        return switch (record.status()) {
            case IDLE -> Placement.IDLE;
            case QUEUED -> new Placement(PlayerStatus.QUEUED, null, null, null, record.joinedAt());
            // A node is set once the room started: then the player has a game socket to go to.
            case IN_ROOM, IN_GAME -> new Placement(record.status(), record.room(), record.node(),
                    record.node() != null && record.room() != null ? SocketPaths.game(record.node(), record.room()) : null, null);
        };
    }
}
