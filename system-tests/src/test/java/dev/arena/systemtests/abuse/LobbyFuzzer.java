package dev.arena.systemtests.abuse;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.systemtests.harness.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fuzzes one player's lobby socket, one frame at a time, each judged before the next: the answer
 * docs/protocol.md gives for it. The shared codec says what a frame is (its decoding error, or
 * {@code ping}, {@code queue}, {@code leave}); the socket must then answer that error's {@code err},
 * a {@code pong}, or a {@code queue.status} (or the documented {@code err} of a join or leave),
 * within 2 s; bytes that are not UTF-8 are read as the lobby reads them, each bad sequence a U+FFFD.
 * A frame above 1 KB must close the socket with 1009 (a message sent in fragments counts whole); a
 * binary frame gets no answer (one above 1 KB may close with 1009). Pushes ({@code queue.status},
 * {@code room.update}) may come in between. Frames go out at about 7 a second, under the socket's
 * 10, so that the answers are the frames' own and not the rate limiter's; once, a flood of pings at
 * 5 times the rate must be answered {@code pong} or {@code err rate_limited} and end in a 1008 close.
 * After a close the player comes back on a new socket, from a new source address.
 */
public final class LobbyFuzzer {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    /** A join or leave may be answered by the matchmaker through the relay (docs: within 1 s, else the lobby answers). */
    private static final Duration JOIN_OR_LEAVE_ANSWERS = Duration.ofMillis(1500);
    /** How long a frame that has no answer is watched for one. */
    private static final Duration NOTHING_WITHIN = Duration.ofMillis(300);
    private static final Duration PACE = Duration.ofMillis(140);
    private static final Set<String> PUSHES = Set.of("queue.status", "room.update");
    private static final List<List<Mutator.Field>> BASES = List.of(
            List.of(new Mutator.Field("t", "\"ping\"")),
            List.of(new Mutator.Field("t", "\"queue\"")),
            List.of(new Mutator.Field("t", "\"leave\"")));

    private final Findings findings;
    private final Random random;
    private final Mutator mutator;
    private final MessageCodec codec = new MessageCodec();
    private final SocketOpener opener;
    private RawWebSocket socket;
    private long frames;

    public LobbyFuzzer(Findings findings, long seed, SocketOpener opener) {
        this.findings = findings;
        this.random = new Random(seed);
        this.mutator = new Mutator(random, Wire.MAX_FRAME_BYTES);
        this.opener = opener;
    }

    /** Fuzzes until {@code untilNanos}, with the flood at {@code floodAtNanos}. */
    public void run(long untilNanos, long floodAtNanos) throws Exception {
        reconnect();
        try {
            FuzzRounds.run(untilNanos, floodAtNanos, PACE, this::step, this::flood);
        } finally {
            socket.close();
        }
    }

    private void step() throws Exception {
        // ping most often: its answer is immediate; queue and leave change the player's placement,
        // and their answers are collected for a while (the matchmaker may answer a leave).
        int roll = random.nextInt(10);
        Mutator.Fuzzed frame = mutator.mutate(BASES.get(roll < 8 ? 0 : roll < 9 ? 1 : 2));
        String what = "lobby frame #" + (++frames) + " " + frame.kind() + " " + frame.transport() + " '" + frame.preview() + "'";
        findings.count("lobby-frame " + frame.kind());
        Wire.send(socket, frame, mutator);
        if (frame.transport() == Mutator.Transport.BINARY) {
            expectNothing(what, frame.bytes().length > Wire.MAX_FRAME_BYTES ? Wire.closesForOversize(frame) : Set.of());
            return;
        }
        String text = Wire.serverText(frame.bytes());
        if (Wire.utf8Length(text) > Wire.MAX_FRAME_BYTES) {
            expectClose(what, Wire.closesForOversize(frame));
        } else {
            expectAnswer(what, text);
        }
    }

    private void expectAnswer(String what, String text) throws Exception {
        Set<String> answers;
        boolean joinOrLeave = false;
        try {
            LobbyClientMessage message = codec.decodeLobbyClient(text);
            if (message instanceof LobbyClientMessage.Ping) {
                answers = Set.of("pong");
            } else {
                joinOrLeave = true;
                answers = message instanceof LobbyClientMessage.Queue
                        ? Set.of("queue.status", "err:already_playing", "err:unavailable")
                        : Set.of("queue.status", "err:conflict", "err:unavailable");
            }
        } catch (ProtocolException e) {
            answers = Set.of("err:" + e.code().wire());
        }
        Duration within = joinOrLeave ? JOIN_OR_LEAVE_ANSWERS : ANSWER_WITHIN;
        long deadline = System.nanoTime() + within.toNanos();
        boolean answered = false;
        while (System.nanoTime() < deadline) {
            RawWebSocket.Message message = socket.poll(Duration.ofMillis(20));
            if (message == null) {
                if (socket.isClosed()) {
                    int code = socket.closeCode(Duration.ZERO);
                    findings.problem("lobby: closed with " + Wire.describeClose(code) + " after a frame within the limits",
                            what + ", expected " + answers);
                    reconnect();
                    return;
                }
                continue;
            }
            String label = label(message, what);
            if (answers.contains(label)) {
                answered = true;
                if (!joinOrLeave) {
                    return;
                }
            } else if (!PUSHES.contains(label) && label != null) {
                findings.problem("lobby: answer " + label + " where " + answers + " was due", what);
            }
        }
        if (!answered) {
            findings.problem("lobby: no answer within " + within.toMillis() + " ms", what + ", expected " + answers);
        }
    }

    private void expectClose(String what, Set<Integer> expected) throws Exception {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (!socket.isClosed() && System.nanoTime() < deadline) {
            RawWebSocket.Message message = socket.poll(Duration.ofMillis(20));
            if (message != null) {
                label(message, what);
            }
        }
        drain(what);
        Integer code = socket.closeCode(Duration.ZERO);
        if (code == null) {
            findings.problem("lobby: not closed within " + ANSWER_WITHIN.toMillis() + " ms (expected " + expected + ")", what);
            socket.close();
        } else {
            findings.count("lobby-close " + code);
            if (!expected.contains(code)) {
                findings.problem("lobby: closed with " + Wire.describeClose(code) + " instead of " + expected, what);
            }
        }
        reconnect();
    }

    /**
     * A binary frame: the protocol's frames are text, and the lobby ignores binary ones; it answers
     * nothing. One above the frame limit may instead close the socket with one of {@code allowedCloses}.
     */
    private void expectNothing(String what, Set<Integer> allowedCloses) throws Exception {
        long deadline = System.nanoTime() + NOTHING_WITHIN.toNanos();
        while (!socket.isClosed() && System.nanoTime() < deadline) {
            RawWebSocket.Message message = socket.poll(Duration.ofMillis(20));
            String label = message == null ? null : label(message, what);
            if (label != null && !PUSHES.contains(label)) {
                findings.problem("lobby: answer " + label + " to a binary frame", what);
            }
        }
        if (socket.isClosed()) {
            drain(what);
            int code = socket.closeCode(Duration.ZERO);
            findings.count("lobby-close " + code);
            if (!allowedCloses.contains(code)) {
                findings.problem("lobby: closed with " + Wire.describeClose(code) + " after a binary frame", what);
            }
            reconnect();
        }
    }

    /** Pings at 50 a second, five times the socket's rate, until the socket is closed (at most 5 s). */
    private void flood() throws Exception {
        String what = "lobby flood of pings at 50/s";
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int sent = 0;
        while (!socket.isClosed() && System.nanoTime() < deadline) {
            try {
                socket.sendText("{\"t\":\"ping\"}");
                sent++;
            } catch (IOException e) {
                break; // closed under us
            }
            RawWebSocket.Message message;
            while ((message = socket.poll(Duration.ZERO)) != null) {
                String label = label(message, what);
                if (!"pong".equals(label) && !"err:rate_limited".equals(label) && !PUSHES.contains(label) && label != null) {
                    findings.problem("lobby: answer " + label + " to a ping during the flood", what);
                }
            }
            Thread.sleep(20);
        }
        Integer code = socket.closeCode(Duration.ofSeconds(1));
        drain(what);
        if (code != null) {
            findings.count("lobby-close " + code);
        }
        if (code == null || code != CloseCode.POLICY_VIOLATION) {
            findings.problem("lobby: a flood of pings ended in " + (code == null ? "no close" : "close " + Wire.describeClose(code))
                    + " instead of 1008", what + ", " + sent + " sent");
        }
        socket.close();
        reconnect();
    }

    private void drain(String what) throws InterruptedException {
        RawWebSocket.Message message;
        while ((message = socket.poll(Duration.ZERO)) != null) {
            label(message, what);
        }
    }

    /**
     * The message's label ({@code err:<code>}, or its type), counted; null after reporting a message
     * that is not a documented lobby message.
     */
    private String label(RawWebSocket.Message message, String after) {
        Wire.Answer answer = Wire.read(findings, "lobby", message, after, codec::decodeLobbyServer);
        return answer == null ? null : answer.label();
    }

    /** A new socket for the player, greeted by its queue.status. */
    private void reconnect() throws Exception {
        if (socket != null) {
            socket.close();
        }
        socket = opener.open();
        findings.count("lobby-sockets opened");
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            RawWebSocket.Message message = socket.poll(Duration.ofMillis(20));
            if (message != null && "queue.status".equals(label(message, "the greeting of a new lobby socket"))) {
                return;
            }
        }
        findings.problem("lobby: a new socket got no queue.status within " + ANSWER_WITHIN.toMillis() + " ms", "reconnect");
    }
}
