package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A frame a client sends on the lobby socket: a keep-alive, or joining and leaving the queue on
 * the socket the player already holds (the same as {@code POST}/{@code DELETE /lobby/api/queue},
 * without an HTTP request and its token check per call); {@code t} names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LobbyClientMessage.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = LobbyClientMessage.Queue.class, name = "queue"),
    @JsonSubTypes.Type(value = LobbyClientMessage.Leave.class, name = "leave")
})
public sealed interface LobbyClientMessage {

    /** {@code ping}: keeps the socket (and the player's online status) alive; answered by {@code pong}. */
    @JsonTypeName("ping")
    record Ping() implements LobbyClientMessage {}

    /** {@code queue}: join the queue; answered by {@code queue.status}, or {@code err} already_playing. */
    @JsonTypeName("queue")
    record Queue() implements LobbyClientMessage {}

    /** {@code leave}: leave the queue or a room that has not started; answered by {@code queue.status}, or {@code err} conflict in a match. */
    @JsonTypeName("leave")
    record Leave() implements LobbyClientMessage {}
}
