package dev.arena.matchmaker.domain;

import dev.arena.model.events.LobbyEvent;

/**
 * An entry of {@code lobby:joins}: its stream id (to acknowledge) and the event (null when this
 * version cannot read it).
 */
public record JoinEntry(String streamId, LobbyEvent event) {}
