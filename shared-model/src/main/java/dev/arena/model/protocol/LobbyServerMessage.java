package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import java.util.List;

/** A frame the lobby sends on the lobby socket; {@code t} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LobbyServerMessage.QueueStatus.class, name = "queue.status"),
    @JsonSubTypes.Type(value = LobbyServerMessage.RoomUpdate.class, name = "room.update"),
    @JsonSubTypes.Type(value = LobbyServerMessage.MatchReady.class, name = "match.ready"),
    @JsonSubTypes.Type(value = LobbyServerMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = "err")
})
public sealed interface LobbyServerMessage permits LobbyServerMessage.QueueStatus, LobbyServerMessage.RoomUpdate,
        LobbyServerMessage.MatchReady, LobbyServerMessage.Pong, ErrorMessage {

    /**
     * {@code queue.status}: where the player stands; {@code position} is 1-based (0 when not
     * queued), {@code queued} the queue's length, {@code waitedMs} the time since enqueueing.
     */
    @JsonTypeName("queue.status")
    record QueueStatus(PlayerStatus status, int position, int queued, long waitedMs) implements LobbyServerMessage {

        public QueueStatus {
            Require.present(status, "status");
        }
    }

    /**
     * {@code room.update}: the room's members and state, sent on every change;
     * {@code countdownDeadline} (epoch ms) only during the countdown, {@code message} only when
     * there is something to explain (e.g. waiting for a free game node).
     */
    @JsonTypeName("room.update")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomUpdate(String roomId, RoomState state, List<PlayerInfo> members, Long countdownDeadline,
            String message) implements LobbyServerMessage {

        public RoomUpdate {
            Require.present(roomId, "roomId");
            Require.present(state, "state");
            members = Require.list(members, "members");
        }
    }

    /** {@code match.ready}: the room runs on {@code nodeId}; connect to {@code url}, the game socket path. Sent again after a failover. */
    @JsonTypeName("match.ready")
    record MatchReady(String roomId, String nodeId, String url) implements LobbyServerMessage {

        public MatchReady {
            Require.present(roomId, "roomId");
            Require.present(nodeId, "nodeId");
            Require.present(url, "url");
        }

        /** The message for a room on a node, with the URL built by {@link SocketPaths#game}. */
        public static MatchReady of(String roomId, String nodeId) {
            return new MatchReady(roomId, nodeId, SocketPaths.game(nodeId, roomId));
        }
    }

    /** {@code pong}: answers a lobby {@code ping}. */
    @JsonTypeName("pong")
    record Pong() implements LobbyServerMessage {}
}
