package dev.arena.model.codec;

import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.FinalScore;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.rules.GameRules;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import java.util.List;

/** One or more instances of every message type, for round trips and coverage checks. */
final class Samples {

    static final PlayerInfo ADA = new PlayerInfo("p1", "Ada", new Colors("#ff0000", "#00ff00"));
    static final PlayerInfo BOB = new PlayerInfo("p2", "Bob \uD83D\uDE00", new Colors("#0000ff", "#ffffff"));

    static final List<GameClientMessage> GAME_CLIENT = List.of(
            new GameClientMessage.Input(17, true, false, false, true, 1.57, false),
            new GameClientMessage.Input(0, false, true, true, false, -3.14159, true),
            new GameClientMessage.Ping(3, 1_700_000_000_000L));

    static final List<GameServerMessage> GAME_SERVER = List.of(
            new GameServerMessage.Start("r1", "p1", GameRules.DEFAULTS, List.of(ADA, BOB), 42,
                    GameRules.DEFAULTS.tickRateHz(), 20, 1_700_000_180_000L),
            new GameServerMessage.Snapshot(1234,
                    List.of(new SnapshotPlayer("p1", 100.5, 200.25, 1.5, 3, 17),
                            new SnapshotPlayer("p2", 0, 900, -0.5, 0, 0)),
                    List.of(new SnapshotProjectile(7, 10, 20, 600, 0, "p1"))),
            new GameServerMessage.Snapshot(1, List.of(), List.of()),
            new GameServerMessage.End("r1", List.of(new FinalScore("p1", "Ada", 5), new FinalScore("p2", "Bob", 2))),
            new GameServerMessage.Pong(3, 1_700_000_000_000L, 1_700_000_000_012L),
            ErrorMessage.of(ErrorCode.INVALID_VALUE, "aim must be a finite number"));

    static final List<LobbyClientMessage> LOBBY_CLIENT =
            List.of(new LobbyClientMessage.Ping(), new LobbyClientMessage.Queue(), new LobbyClientMessage.Leave());

    static final List<LobbyServerMessage> LOBBY_SERVER = List.of(
            new LobbyServerMessage.QueueStatus(PlayerStatus.QUEUED, 3, 10, 1500),
            new LobbyServerMessage.QueueStatus(PlayerStatus.IDLE, 0, 0, 0),
            new LobbyServerMessage.RoomUpdate("r1", RoomState.COUNTDOWN, List.of(ADA, BOB), 1_700_000_010_000L, null),
            new LobbyServerMessage.RoomUpdate("r1", RoomState.STARTING, List.of(ADA), null, "waiting for a free game node"),
            LobbyServerMessage.MatchReady.of("r1", "game-0"),
            new LobbyServerMessage.Pong(),
            ErrorMessage.of(ErrorCode.ALREADY_PLAYING, "you are already in a room"));

    private Samples() {}
}
