package dev.arena.game.domain;

/**
 * The order in which the node's parts stop on shutdown (lower first, as {@code @Priority} of
 * the {@code ShutdownEvent} observers): the drain (leave {@code game:nodes}, stop the tick, final
 * snapshots, close the sockets), then the writer finishes what it was handed.
 */
public final class StopOrder {

    public static final int DRAIN = 100;
    public static final int WRITER = 300;

    private StopOrder() {}
}
