package dev.arena.game.domain;

/**
 * A room's snapshot of one send, in the forms its members' sockets speak, each encoded once for the
 * whole room: {@code text} for protocol version 1, {@code binary} for version 2 (null when no
 * member speaks that version). Members share the bytes; nobody writes into them.
 */
public record SnapshotFrame(String text, byte[] binary) {}
