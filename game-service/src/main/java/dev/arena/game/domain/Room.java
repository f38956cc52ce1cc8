package dev.arena.game.domain;

import dev.arena.game.simulation.MatchSimulation;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.FinalScore;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.rules.GameRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * One running match on this node. Sockets (event loops) only put things into its queues: a
 * bounded inbox of inputs (full: the oldest is dropped and counted) and an unbounded queue of
 * joins, leaves and ends, which are rare and must never be lost. Everything else, the
 * simulation and the sockets of its players, belongs to the tick thread alone.
 */
public final class Room {

    private static final Logger LOG = Logger.getLogger(Room.class);

    /** Why a match ended, as stored in {@code matches.end_reason}. */
    public static final String COMPLETED = "completed";
    public static final String ENDED_BY_OPERATOR = "ended_by_operator";
    public static final String INTERNAL_ERROR = "internal_error";
    /** The match was called off before its end: too few players arrived, or the room is no longer this node's. */
    public static final String CALLED_OFF = "called_off";

    /** What the admin endpoint shows of a room; read from any thread. */
    public record View(String roomId, List<String> members, int connected, long tick, long endsAt) {}

    private final String id;
    private final UUID matchId;
    private final String handoffEntryId;
    private final long epoch;
    private final Arrivals arrivals;
    private final List<String> members;
    private final Set<String> memberSet;
    private final List<PlayerInfo> roster;
    private final GameRules rules;
    private final MatchSimulation match;
    private final long startedAt;
    private final long endsAt;
    private final MessageCodec codec;
    private final GameMetrics metrics;

    private final ArrayBlockingQueue<InboxInput> inbox;
    private final ConcurrentLinkedQueue<RoomCommand> commands = new ConcurrentLinkedQueue<>();

    // Tick thread only.
    private final PlayerChannel[] channels;
    private final InboxInput[] latest;
    private final SnapshotEncoder encoder;
    private String endReason;
    private RoomCommand.CallOff callOff;

    // Published by the tick for other threads (admin, load).
    private volatile int connectedView;
    private volatile long tickView;

    /**
     * A room granted to this node by handoff entry {@code handoffEntryId} with {@code epoch}, whose
     * match runs from {@code startedAt} until {@code endsAt} (epoch ms), and whose members have
     * until {@code arrivalDeadline} to arrive. {@code rules} are the ones announced to clients; the
     * simulation runs for what is left of the match, which is less than the rules' length when the
     * room is restored after a crash.
     */
    public Room(String id, String handoffEntryId, long epoch, List<PlayerInfo> roster, GameRules rules, long startedAt, long endsAt,
            long arrivalDeadline, long now, int inboxSize, MessageCodec codec, GameMetrics metrics) {
        this.id = id;
        this.matchId = matchIdOf(id);
        this.handoffEntryId = handoffEntryId;
        this.epoch = epoch;
        this.roster = List.copyOf(roster);
        this.members = this.roster.stream().map(PlayerInfo::id).toList();
        this.memberSet = Set.copyOf(members);
        this.arrivals = new Arrivals(members, arrivalDeadline);
        this.rules = rules;
        this.startedAt = startedAt;
        this.endsAt = endsAt;
        this.codec = codec;
        this.metrics = metrics;
        long remaining = Math.max(rules.tickMs(), endsAt - now);
        this.match = new MatchSimulation(rules.withMatchLengthMs(remaining), id.hashCode() ^ startedAt);
        this.inbox = new ArrayBlockingQueue<>(inboxSize);
        this.channels = new PlayerChannel[rules.maxPlayers()];
        this.latest = new InboxInput[rules.maxPlayers()];
        this.encoder = new SnapshotEncoder(members, rules);
    }

    /** The match id of a room: derived from the room id, so a restarted node writes to the same row. */
    public static UUID matchIdOf(String roomId) {
        return UUID.nameUUIDFromBytes(("arena-match:" + roomId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Puts a player back where a snapshot left them; only before the room is handed to the tick. */
    public void restore(RoomSnapshot.PlayerState state) {
        int slot = match.restore(state.playerId(), state.x(), state.y(), state.score(), state.hitsTaken());
        if (slot != MatchSimulation.NO_SLOT) {
            match.leave(slot); // in play again when their socket joins
        }
    }

    // ---- any thread ----

    public String id() {
        return id;
    }

    public UUID matchId() {
        return matchId;
    }

    public boolean isMember(String playerId) {
        return memberSet.contains(playerId);
    }

    public int memberCount() {
        return members.size();
    }

    /** Queues a decoded input; when the inbox is full the oldest input is dropped (and counted). Never blocks. */
    public void offer(PlayerChannel channel, GameClientMessage.Input input) {
        InboxInput entry = new InboxInput(channel, input);
        while (!inbox.offer(entry)) {
            if (inbox.poll() != null) {
                metrics.inboxDrop();
            }
        }
    }

    public void join(PlayerChannel channel) {
        commands.add(new RoomCommand.Join(channel));
    }

    public void leave(PlayerChannel channel) {
        commands.add(new RoomCommand.Leave(channel));
    }

    public void end(String reason) {
        commands.add(new RoomCommand.End(reason));
    }

    /** Calls the match off at the next tick: its sockets are closed with {@code closeCode} and no result is stored. */
    public void callOff(int closeCode, String message) {
        commands.add(new RoomCommand.CallOff(closeCode, message, false));
    }

    /**
     * Lets the room go at the next tick because another node runs it now: its sockets are closed
     * with 4004 (the client asks the lobby where the match is) and nothing of it is stored here.
     */
    public void moveAway() {
        commands.add(new RoomCommand.CallOff(CloseCode.ROOM_NOT_FOUND, "the match moved to another node", true));
    }

    /** The stream entry that handed this room to the node, acknowledged when the room is done here. */
    public String handoffEntryId() {
        return handoffEntryId;
    }

    /** The epoch of the grant this node runs the room under; every report about the room carries it. */
    public long epoch() {
        return epoch;
    }

    /** Who of the members reached this node; thread-safe. */
    public Arrivals arrivals() {
        return arrivals;
    }

    /** When the match ends (epoch ms). */
    public long endsAt() {
        return endsAt;
    }

    public View view() {
        return new View(id, members, connectedView, tickView, endsAt);
    }

    // ---- tick thread ----

    /**
     * One tick: applies joins and leaves, the latest input of each player, steps the simulation
     * and, when {@code send}, writes one snapshot frame to every player. Returns whether the match
     * is over (then call {@link #finish(long)}).
     */
    public boolean tick(boolean send) {
        applyCommands();
        if (endReason != null) {
            return true;
        }
        applyInputs();
        match.step();
        tickView = match.tick();
        if (match.isOver()) {
            endReason = COMPLETED;
            return true;
        }
        if (send) {
            broadcast(snapshotFrame());
        }
        return false;
    }

    /** Ends the tick's work on a room that failed: the match is closed with what it has. */
    public void fail() {
        endReason = INTERNAL_ERROR;
    }

    private void applyCommands() {
        RoomCommand command;
        while ((command = commands.poll()) != null) {
            if (command instanceof RoomCommand.Join join) {
                admit(join.channel());
            } else if (command instanceof RoomCommand.Leave leave) {
                release(leave.channel());
            } else if (command instanceof RoomCommand.End end && endReason == null) {
                endReason = end.reason();
            } else if (command instanceof RoomCommand.CallOff off && endReason == null) {
                endReason = CALLED_OFF;
                callOff = off;
            }
        }
    }

    private void admit(PlayerChannel channel) {
        int slot = match.join(channel.playerId());
        if (slot == MatchSimulation.NO_SLOT) {
            // Members never outnumber the slots (maxPlayers); a handoff that breaks this is refused politely.
            channel.close(CloseCode.NOT_A_MEMBER, "the match is full");
            return;
        }
        PlayerChannel older = channels[slot];
        channels[slot] = channel;
        if (older != null && older != channel) {
            older.close(CloseCode.REPLACED, "replaced by a newer game socket");
        }
        // Inputs of the older socket still queued are ignored from now on (see applyInputs).
        latest[slot] = null;
        long now = System.currentTimeMillis();
        channel.send(codec.encode(new GameServerMessage.Start(id, channel.playerId(), rules, roster, match.tick(),
                rules.tickRateHz(), rules.sendRateHz(), now + match.remainingMs())));
        metrics.framesOut(1);
        connectedView = countConnected();
    }

    private void release(PlayerChannel channel) {
        int slot = match.slotOf(channel.playerId());
        if (slot != MatchSimulation.NO_SLOT && channels[slot] == channel) {
            channels[slot] = null;
            latest[slot] = null;
            match.leave(slot);
            connectedView = countConnected();
        }
    }

    private void applyInputs() {
        InboxInput entry;
        while ((entry = inbox.poll()) != null) {
            int slot = match.slotOf(entry.channel().playerId());
            if (slot == MatchSimulation.NO_SLOT || channels[slot] != entry.channel()) {
                continue;
            }
            InboxInput kept = latest[slot];
            if (kept == null || entry.input().seq() > kept.input().seq()) {
                latest[slot] = entry;
            }
        }
        for (int slot = 0; slot < latest.length; slot++) {
            InboxInput chosen = latest[slot];
            if (chosen != null) {
                GameClientMessage.Input in = chosen.input();
                match.input(slot, in.seq(), in.up(), in.down(), in.left(), in.right(), in.aim(), in.fire());
                latest[slot] = null;
            }
        }
    }

    /** This send's snapshot, encoded once in each form that a member's socket speaks. */
    private SnapshotFrame snapshotFrame() {
        boolean text = false;
        boolean binary = false;
        for (PlayerChannel channel : channels) {
            if (channel != null) {
                if (channel.protocol() == GameProtocol.V2) {
                    binary = true;
                } else {
                    text = true;
                }
            }
        }
        return new SnapshotFrame(text ? encoder.text(match) : null, binary ? encoder.binary(match) : null);
    }

    private void broadcast(SnapshotFrame frame) {
        int sent = 0;
        int skipped = 0;
        for (PlayerChannel channel : channels) {
            if (channel != null) {
                if (channel.sendLatest(frame)) {
                    sent++;
                } else {
                    skipped++;
                }
            }
        }
        metrics.framesOut(sent);
        if (skipped > 0) {
            metrics.snapshotsSkipped(skipped);
        }
    }

    private int countConnected() {
        int connected = 0;
        for (PlayerChannel channel : channels) {
            if (channel != null) {
                connected++;
            }
        }
        return connected;
    }

    /** Positions and scores now, for the store writer. */
    public RoomSnapshot snapshot(long now) {
        List<RoomSnapshot.PlayerState> players = new ArrayList<>(match.slotCount());
        for (int slot = 0; slot < match.slotCount(); slot++) {
            players.add(new RoomSnapshot.PlayerState(match.playerId(slot), match.x(slot), match.y(slot), match.score(slot),
                    match.hitsTaken(slot)));
        }
        return new RoomSnapshot(id, matchId, epoch, endsAt, now, players);
    }

    /** Sends {@code end} to every player, closes their sockets with 4010 and returns the result to store. */
    public MatchResult finish(long now) {
        List<FinalScore> scores = new ArrayList<>(roster.size());
        List<MatchResult.PlayerResult> results = new ArrayList<>(roster.size());
        for (PlayerInfo player : roster) {
            int slot = match.slotOf(player.id());
            int score = slot == MatchSimulation.NO_SLOT ? 0 : match.score(slot);
            scores.add(new FinalScore(player.id(), player.name(), score));
            if (slot != MatchSimulation.NO_SLOT) {
                results.add(new MatchResult.PlayerResult(player.id(), player.name(), player.colors(), score,
                        match.hitsTaken(slot), match.x(slot), match.y(slot)));
            }
        }
        scores.sort(Comparator.comparingInt(FinalScore::score).reversed());
        String end = codec.encode(new GameServerMessage.End(id, scores));
        int sent = 0;
        for (int slot = 0; slot < channels.length; slot++) {
            if (channels[slot] != null) {
                channels[slot].sendAndClose(end, CloseCode.MATCH_OVER, "match over");
                channels[slot] = null;
                sent++;
            }
        }
        // A socket that opened just before the end has its join still queued: it gets the end too.
        RoomCommand late;
        while ((late = commands.poll()) != null) {
            if (late instanceof RoomCommand.Join join) {
                join.channel().sendAndClose(end, CloseCode.MATCH_OVER, "match over");
                sent++;
            }
        }
        metrics.framesOut(sent);
        connectedView = 0;
        LOG.infof("room %s ended (%s) after %d ticks", id, endReason, match.tick());
        return new MatchResult(id, matchId, handoffEntryId, epoch, startedAt, now, endReason, members, results);
    }

    /** Whether the match ended by a call-off (then {@link #closeCalledOff()}, not {@link #finish(long)}). */
    public boolean isCalledOff() {
        return callOff != null;
    }

    /** Whether the call-off was a move to another node's grant ({@link #moveAway()}). */
    public boolean isMovedAway() {
        return callOff != null && callOff.movedAway();
    }

    /** Closes every socket of a called-off match, including one whose join is still queued. */
    public void closeCalledOff() {
        for (int slot = 0; slot < channels.length; slot++) {
            if (channels[slot] != null) {
                channels[slot].close(callOff.closeCode(), callOff.message());
                channels[slot] = null;
            }
        }
        RoomCommand late;
        while ((late = commands.poll()) != null) {
            if (late instanceof RoomCommand.Join join) {
                join.channel().close(callOff.closeCode(), callOff.message());
            }
        }
        connectedView = 0;
        LOG.infof("room %s called off after %d ticks: %s", id, match.tick(), callOff.message());
    }

    /** Closes every socket without a result (the node stops; the match resumes after a restart). */
    public void abandon(int code, String reason) {
        applyCommands();
        for (int slot = 0; slot < channels.length; slot++) {
            if (channels[slot] != null) {
                channels[slot].close(code, reason);
                channels[slot] = null;
            }
        }
    }
}
