package dev.arena.game.domain;

/** A change to a room that its tick applies (joins, leaves, an early end, a call-off): never dropped, unlike inputs. */
sealed interface RoomCommand {

    /** A socket of a member opened: it takes the player's slot (replacing an older socket). */
    record Join(PlayerChannel channel) implements RoomCommand {}

    /** A socket closed: the player leaves play but keeps the slot for a return. */
    record Leave(PlayerChannel channel) implements RoomCommand {}

    /** An operator ends the match now. */
    record End(String reason) implements RoomCommand {}

    /**
     * The room is no longer this node's: close its sockets with {@code closeCode}, store no result.
     * {@code movedAway}: it runs under another node's grant, whose match and snapshot it is; otherwise
     * the matchmaker took it back and this node closes the match in the stores.
     */
    record CallOff(int closeCode, String message, boolean movedAway) implements RoomCommand {}
}
