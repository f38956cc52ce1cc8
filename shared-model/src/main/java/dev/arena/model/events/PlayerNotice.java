package dev.arena.model.events;

import dev.arena.model.protocol.LobbyServerMessage;
import java.util.List;
import java.util.Objects;

/**
 * A message for some players' lobby sockets, published on {@code room-events}: every lobby
 * instance receives it and delivers it to the players whose socket it holds.
 */
public record PlayerNotice(List<String> players, LobbyServerMessage message) {

    public PlayerNotice {
        players = List.copyOf(players);
        Objects.requireNonNull(message, "message");
    }
}
