package dev.arena.systemtests.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.rules.InputLimits;
import dev.arena.systemtests.harness.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the game socket of a player in a running match, the room's other players looking on. The
 * player keeps playing meanwhile: valid inputs at 30 Hz, and about 15 fuzzed frames a second in
 * between (45 frames a second in all, under the socket's 60, so none is dropped unanswered).
 *
 * <p>The node handles a connection's frames in order, so its answers come in the order of the frames
 * that have one, and are checked in that order: the shared codec and {@link InputLimits} say what
 * each frame is (a decoding error, an input whose aim or {@code seq} breaks a limit: {@code err}
 * with that code; a {@code ping}: {@code pong}; a valid input: no answer, and its {@code seq} becomes
 * the connection's last, as on the node). Bytes that are not UTF-8 are read as the node reads them,
 * each bad sequence a U+FFFD. A frame above 1 KB must close the socket with 1009 (a message sent in
 * fragments counts whole); a binary frame gets no answer (one above 1 KB may close with 1009); once,
 * a flood of valid inputs at 5 times the rate must end in a 1008 close. A socket closed for any
 * other reason is a problem. After a close the player comes back on a new socket and must get
 * {@code start} for the same room again.
 */
public final class GameFuzzer {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    /** How long a frame that has no answer is watched for a close. */
    private static final Duration NOTHING_WITHIN = Duration.ofMillis(300);
    private static final Duration PACE = Duration.ofMillis(66);
    private static final long INPUT_PERIOD_MS = 33;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer due: {@code pong} or {@code err:<code>}, for the frame described. */
    private record Pending(String answer, String frame, long sentAt) {}

    private final Findings findings;
    private final Random random;
    private final Random keys;
    private final Mutator mutator;
    private final MessageCodec codec = new MessageCodec();
    private final SocketOpener opener;
    private final String roomId;
    private final String playerId;
    private final Object lock = new Object();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private RawWebSocket socket;
    /** The node's view of the connection's last input, as {@code SocketSession.lastSeq}. */
    private long lastSeq;
    /** While a close is due (after an oversize frame, during the flood) the 30 Hz inputs pause. */
    private boolean paused;
    /** A binary frame just sent (null: none), and the closes it may cause when above the frame limit. */
    private String binaryFrame;
    private Set<Integer> binaryCloses = Set.of();
    private long frames;
    private long pingId;

    public GameFuzzer(Findings findings, long seed, SocketOpener opener, String roomId, String playerId) {
        this.findings = findings;
        this.random = new Random(seed);
        this.keys = new Random(seed + 1);
        this.mutator = new Mutator(random, Wire.MAX_FRAME_BYTES);
        this.opener = opener;
        this.roomId = roomId;
        this.playerId = playerId;
    }

    /** Fuzzes until {@code untilNanos}, with the flood at {@code floodAtNanos}; the player's socket stays open after. */
    public void run(long untilNanos, long floodAtNanos) throws Exception {
        reconnect();
        ScheduledExecutorService inputs = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "game-fuzz-inputs");
            thread.setDaemon(true);
            return thread;
        });
        inputs.scheduleAtFixedRate(this::sendInput, 0, INPUT_PERIOD_MS, TimeUnit.MILLISECONDS);
        try {
            // Each round first reads what the server answered to the ones before.
            FuzzRounds.run(untilNanos, floodAtNanos, PACE, () -> {
                drain();
                step();
            }, () -> {
                drain();
                flood();
            });
            Thread.sleep(ANSWER_WITHIN.toMillis());
            drain();
            checkAllAnswered("the end of the fuzzing");
        } finally {
            inputs.shutdownNow();
            inputs.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /**
     * The player is still in the match: a snapshot with {@code players} entries arrives within 2 s,
     * then (within {@code endWithin}) {@code end} listing them, and the close 4010. Returns {@code end}.
     */
    public JsonNode awaitEnd(int players, Duration endWithin) throws Exception {
        if (socket == null) {
            throw new AssertionError("the fuzzing player never got a game socket");
        }
        boolean snapSeen = false;
        long snapDeadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        long deadline = System.nanoTime() + endWithin.toNanos();
        while (System.nanoTime() < deadline) {
            RawWebSocket.Message message = socket.poll(Duration.ofMillis(20));
            if (message == null) {
                if (socket.isClosed()) {
                    throw new AssertionError("the fuzzing player's game socket closed with " + socket.closeCode(Duration.ZERO)
                            + " before the match's end");
                }
                if (!snapSeen && System.nanoTime() > snapDeadline) {
                    throw new AssertionError("the fuzzing player gets no snapshot after the fuzzing");
                }
                continue;
            }
            String label = label(message, "after the fuzzing");
            if ("snap".equals(label) && JSON.readTree(message.payload()).path("players").size() == players) {
                snapSeen = true;
            }
            if ("end".equals(label)) {
                Integer code = socket.closeCode(Duration.ofSeconds(5));
                if (code == null || code != CloseCode.MATCH_OVER) {
                    throw new AssertionError("the fuzzing player's socket closed with " + code + " after end, not 4010");
                }
                return JSON.readTree(message.payload());
            }
        }
        throw new AssertionError("no end for the fuzzing player within " + endWithin);
    }

    public long frames() {
        return frames;
    }

    private void sendInput() {
        synchronized (lock) {
            if (paused || socket.isClosed()) {
                return;
            }
            lastSeq++;
            try {
                socket.sendText(input(lastSeq, keys.nextInt(16), keys.nextDouble() * 2 * Math.PI - Math.PI, keys.nextInt(8) == 0));
            } catch (IOException e) {
                // the socket closed under the input: the fuzz loop sees the close
            }
        }
    }

    private static String input(long seq, int held, double aim, boolean fire) {
        return "{\"t\":\"in\",\"seq\":" + seq + ",\"up\":" + ((held & 1) != 0) + ",\"down\":" + ((held & 2) != 0)
                + ",\"left\":" + ((held & 4) != 0) + ",\"right\":" + ((held & 8) != 0) + ",\"aim\":" + aim + ",\"fire\":" + fire + "}";
    }

    private void step() throws Exception {
        Mutator.Fuzzed frame;
        String what;
        boolean oversize = false;
        synchronized (lock) {
            List<Mutator.Field> base = random.nextInt(5) > 0
                    ? List.of(new Mutator.Field("t", "\"in\""), new Mutator.Field("seq", Long.toString(lastSeq + 1)),
                            new Mutator.Field("up", "true"), new Mutator.Field("down", "false"), new Mutator.Field("left", "false"),
                            new Mutator.Field("right", "true"), new Mutator.Field("aim", "1.57"), new Mutator.Field("fire", "false"))
                    : List.of(new Mutator.Field("t", "\"ping\""), new Mutator.Field("id", Long.toString(++pingId)),
                            new Mutator.Field("clientTime", Long.toString(System.currentTimeMillis())));
            frame = mutator.mutate(base);
            what = "game frame #" + (++frames) + " " + frame.kind() + " " + frame.transport() + " '" + frame.preview() + "'";
            findings.count("game-frame " + frame.kind());
            if (frame.transport() == Mutator.Transport.BINARY) {
                // The node ignores binary frames: no answer; one above the frame limit may close the socket with 1009.
                binaryFrame = what;
                binaryCloses = frame.bytes().length > Wire.MAX_FRAME_BYTES ? Wire.closesForOversize(frame) : Set.of();
            } else {
                String text = Wire.serverText(frame.bytes());
                oversize = Wire.utf8Length(text) > Wire.MAX_FRAME_BYTES;
                if (oversize) {
                    paused = true;
                } else {
                    expect(text, what);
                }
            }
            try {
                Wire.send(socket, frame, mutator);
            } catch (IOException e) {
                // closed meanwhile: the next drain reports the close
            }
        }
        if (oversize) {
            awaitClose(Wire.closesForOversize(frame), what);
        } else if (binaryFrame != null) {
            // A close it causes comes at once; a later one is not its doing.
            Thread.sleep(NOTHING_WITHIN.toMillis());
            drain();
            binaryFrame = null;
        }
    }

    /** What the node must answer to {@code text}, as the node decides it: the codec, then the input limits. */
    private void expect(String text, String what) {
        try {
            GameClientMessage message = codec.decodeGameClient(text);
            if (message instanceof GameClientMessage.Ping) {
                pending.add(new Pending("pong", what, System.nanoTime()));
            } else if (message instanceof GameClientMessage.Input input) {
                if (!InputLimits.aimWithinLimit(input.aim()) || !InputLimits.seqWithinJump(input.seq(), lastSeq)) {
                    pending.add(new Pending("err:invalid_value", what, System.nanoTime()));
                } else {
                    lastSeq = Math.max(lastSeq, input.seq());
                }
            }
        } catch (ProtocolException e) {
            pending.add(new Pending("err:" + e.code().wire(), what, System.nanoTime()));
        }
    }

    /** Valid inputs at 300 a second, five times the socket's rate, until the socket is closed (at most 5 s). */
    private void flood() throws Exception {
        String what = "game flood of inputs at 300/s";
        synchronized (lock) {
            paused = true;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int sent = 0;
        while (!socket.isClosed() && System.nanoTime() < deadline) {
            synchronized (lock) {
                try {
                    for (int i = 0; i < 15; i++) {
                        socket.sendText(input(++lastSeq, 0, 0, false));
                        sent++;
                    }
                } catch (IOException e) {
                    break;
                }
            }
            drainMessages(what);
            Thread.sleep(50);
        }
        awaitClose(Set.of(CloseCode.POLICY_VIOLATION), what + " (" + sent + " frames)");
    }

    private void awaitClose(Set<Integer> expected, String what) throws Exception {
        Integer code = socket.closeCode(ANSWER_WITHIN);
        drainMessages(what);
        if (code == null) {
            findings.problem("game: not closed within " + ANSWER_WITHIN.toMillis() + " ms (expected " + expected + ")", what);
        } else {
            findings.count("game-close " + code);
            if (!expected.contains(code)) {
                findings.problem("game: closed with " + Wire.describeClose(code) + " instead of " + expected, what);
            }
        }
        checkAllAnswered(what);
        reconnect();
    }

    /** Reads what arrived, reports an answer overdue; a close is a problem unless a binary frame above the limit got 1009. */
    private void drain() throws Exception {
        drainMessages("the fuzzing");
        Pending head = pending.peek();
        if (head != null && System.nanoTime() - head.sentAt() > ANSWER_WITHIN.toNanos()) {
            findings.problem("game: no " + head.answer() + " within " + ANSWER_WITHIN.toMillis() + " ms", head.frame());
            pending.poll();
        }
        if (socket.isClosed()) {
            int code = socket.closeCode(Duration.ZERO);
            findings.count("game-close " + code);
            if (binaryFrame == null) {
                findings.problem("game: closed with " + Wire.describeClose(code) + " after frames within the limits",
                        "frames up to #" + frames + (pending.isEmpty() ? "" : ", answer due: " + pending.peek()));
            } else if (!binaryCloses.contains(code)) {
                findings.problem("game: closed with " + Wire.describeClose(code) + " after a binary frame", binaryFrame);
            }
            checkAllAnswered("the close " + code);
            reconnect();
        }
    }

    private void drainMessages(String after) throws InterruptedException {
        RawWebSocket.Message message;
        while ((message = socket.poll(Duration.ZERO)) != null) {
            String label = label(message, after);
            if (label == null || !(label.equals("pong") || label.startsWith("err:"))) {
                continue;
            }
            Pending due = pending.poll();
            if (due == null) {
                findings.problem("game: answer " + label + " to no frame that has one", "after " + after);
            } else if (!due.answer().equals(label)) {
                findings.problem("game: answer " + label + " where " + due.answer() + " was due", due.frame());
            }
        }
    }

    private void checkAllAnswered(String before) {
        for (Pending due : pending) {
            findings.problem("game: no " + due.answer() + " before " + before, due.frame());
        }
        pending.clear();
    }

    /** The message's label ({@code err:<code>} or its type), counted; null after reporting one that is no game message. */
    private String label(RawWebSocket.Message message, String after) {
        Wire.Answer answer = Wire.read(findings, "game", message, after, codec::decodeGameServer);
        if (answer == null) {
            return null;
        }
        JsonNode json = answer.json();
        if ("start".equals(answer.label()) && !(roomId.equals(json.path("roomId").asText()) && playerId.equals(json.path("you").asText()))) {
            findings.problem("game: start for another room or player", json.toString());
        }
        return answer.label();
    }

    /** A new socket for the player, which must get start for the room again. */
    private void reconnect() throws Exception {
        RawWebSocket fresh = opener.open();
        findings.count("game-sockets opened");
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        boolean started = false;
        while (!started && System.nanoTime() < deadline) {
            RawWebSocket.Message message = fresh.poll(Duration.ofMillis(20));
            started = message != null && message.text() && "start".equals(JSON.readTree(message.payload()).path("t").asText());
            if (message != null) {
                label(message, "the start of a new game socket");
            }
        }
        if (!started) {
            findings.problem("game: a new socket got no start within " + ANSWER_WITHIN.toMillis() + " ms", "reconnect");
        }
        synchronized (lock) {
            if (socket != null) {
                socket.close();
            }
            socket = fresh;
            lastSeq = 0;
            pending.clear();
            paused = false;
            binaryFrame = null;
        }
    }
}
