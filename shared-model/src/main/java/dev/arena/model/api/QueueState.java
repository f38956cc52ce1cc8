package dev.arena.model.api;

/** The answer to joining the queue: where the player stands (position is 1-based). */
public record QueueState(Placement placement, long position, long queued) {}
