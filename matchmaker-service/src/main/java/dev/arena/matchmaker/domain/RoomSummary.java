package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;

/** A line of the operators' room list: id, state, member count and the matchmaker's next deadline. */
public record RoomSummary(String roomId, RoomState state, int members, long nextDeadline) {}
