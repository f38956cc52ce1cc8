package dev.arena.matchmaker.domain;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the notices the lobbies push to players' sockets from what the scripts reported. */
public final class Notices {

    /** Shown to the members of a room that should start while no game node is alive. */
    public static final String WAITING_FOR_NODE = "waiting for a free game node";

    /** Shown to a member dropped for not reaching the game in time. */
    public static final String DROPPED = "you did not join the game in time and were removed from the room";

    private final MessageCodec codec;

    public Notices(MessageCodec codec) {
        this.codec = codec;
    }

    /** {@code room.update} with the room's state, members and countdown deadline, to every member. */
    public PlayerNotice roomUpdate(RoomView room) {
        return new PlayerNotice(room.memberIds(), new LobbyServerMessage.RoomUpdate(room.roomId(), room.state(),
                members(room), room.state() == RoomState.COUNTDOWN ? room.countdownDeadline() : null, null));
    }

    /**
     * {@code room.update} for a room that should start but has no game node: shown as starting
     * (the player's view, as in docs/protocol.md) with the reason, while the stored state stays.
     */
    public PlayerNotice waitingForNode(RoomView room) {
        return new PlayerNotice(room.memberIds(), new LobbyServerMessage.RoomUpdate(room.roomId(), RoomState.STARTING,
                members(room), null, WAITING_FOR_NODE));
    }

    /** {@code match.ready} with the game socket URL, to every member of a started room. */
    public PlayerNotice matchReady(StartOutcome.Started started) {
        return new PlayerNotice(started.members(), LobbyServerMessage.MatchReady.of(started.roomId(), started.nodeId()));
    }

    /**
     * {@code queue.status} to a player who asked to leave their room: idle once out, or where they
     * still are (their match started first). The lobby that took the request answers it from this.
     */
    public PlayerNotice leaveAnswer(String playerId, PlayerStatus status) {
        return new PlayerNotice(List.of(playerId), new LobbyServerMessage.QueueStatus(status, 0, 0, 0));
    }

    /** {@code err} for members dropped after the arrival deadline; their record is gone, so they are idle. */
    public PlayerNotice dropped(List<String> players) {
        return new PlayerNotice(players, ErrorMessage.of(ErrorCode.ARRIVAL_TIMEOUT, DROPPED));
    }

    // A member whose record expired (offline) has no name or colors: they are left out of the list.
    private List<PlayerInfo> members(RoomView room) {
        List<PlayerInfo> infos = new ArrayList<>(room.members().size());
        for (Member member : room.members()) {
            colors(member).ifPresent(colors -> infos.add(new PlayerInfo(member.id(), member.name(), colors)));
        }
        return infos;
    }

    private Optional<Colors> colors(Member member) {
        if (member.name().isEmpty() || member.colorsJson().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(member.colorsJson(), Colors.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
