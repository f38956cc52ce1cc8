package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A frame a client sends on the lobby socket. Queue actions go over REST, so the socket only
 * carries a keep-alive; {@code t} names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({@JsonSubTypes.Type(value = LobbyClientMessage.Ping.class, name = "ping")})
public sealed interface LobbyClientMessage {

    /** {@code ping}: keeps the socket (and the player's online status) alive; answered by {@code pong}. */
    @JsonTypeName("ping")
    record Ping() implements LobbyClientMessage {}
}
