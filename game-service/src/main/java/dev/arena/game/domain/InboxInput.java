package dev.arena.game.domain;

import dev.arena.model.protocol.GameClientMessage;

/** A decoded input waiting in a room's inbox, with the socket it came from (a replaced socket's inputs are ignored). */
record InboxInput(PlayerChannel channel, GameClientMessage.Input input) {}
