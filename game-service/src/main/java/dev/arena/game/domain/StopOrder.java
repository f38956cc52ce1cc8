package dev.arena.game.domain;

/**
 * The order in which the node's parts stop on shutdown (lower first, as {@code @Priority} of
 * the {@code ShutdownEvent} observers): stop taking rooms and announcing, stop the tick, then let
 * the writer finish what the tick handed it.
 */
public final class StopOrder {

    public static final int INTAKE = 100;
    public static final int TICK = 200;
    public static final int WRITER = 300;

    private StopOrder() {}
}
