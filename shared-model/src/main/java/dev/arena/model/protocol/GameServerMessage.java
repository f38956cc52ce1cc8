package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.arena.model.rules.GameRules;
import java.util.List;

/** A frame the game node sends on the game socket; {@code t} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GameServerMessage.Start.class, name = "start"),
    @JsonSubTypes.Type(value = GameServerMessage.Snapshot.class, name = "snap"),
    @JsonSubTypes.Type(value = GameServerMessage.End.class, name = "end"),
    @JsonSubTypes.Type(value = GameServerMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = "err")
})
public sealed interface GameServerMessage permits GameServerMessage.Start, GameServerMessage.Snapshot,
        GameServerMessage.End, GameServerMessage.Pong, ErrorMessage {

    /**
     * {@code start}: sent once when the socket joins a room (also on reconnect): who the player
     * is, the rules, the roster, the current tick, the rates and when the match ends (epoch ms).
     */
    @JsonTypeName("start")
    record Start(String roomId, String you, GameRules rules, List<PlayerInfo> roster, long tick,
            double tickRateHz, double sendRateHz, long endsAt) implements GameServerMessage {

        public Start {
            Require.present(roomId, "roomId");
            Require.present(you, "you");
            Require.present(rules, "rules");
            roster = Require.list(roster, "roster");
        }
    }

    /**
     * {@code snap}: the room's state at {@code tick}, the same frame for every member (each
     * player's input ack is in its own entry), so it is encoded once per room per send.
     */
    @JsonTypeName("snap")
    record Snapshot(long tick, List<SnapshotPlayer> players, List<SnapshotProjectile> proj)
            implements GameServerMessage {

        public Snapshot {
            players = Require.list(players, "players");
            proj = Require.list(proj, "proj");
        }
    }

    /** {@code end}: the match is over; final scores, best first. The socket closes with 4010 after it. */
    @JsonTypeName("end")
    record End(String roomId, List<FinalScore> scores) implements GameServerMessage {

        public End {
            Require.present(roomId, "roomId");
            scores = Require.list(scores, "scores");
        }
    }

    /** {@code pong}: answers a {@code ping}, echoing its {@code id} and {@code clientTime}, with the server's clock (epoch ms). */
    @JsonTypeName("pong")
    record Pong(long id, long clientTime, long serverTime) implements GameServerMessage {}
}
