package dev.arena.systemtests.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arena.loadtest.Machine;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.state.PlayerStatus;
import dev.arena.systemtests.harness.CpuAccount;
import dev.arena.systemtests.harness.MatchmakingStack;
import dev.arena.systemtests.harness.RedisClient;
import dev.arena.systemtests.harness.RedisCommandCosts;
import dev.arena.systemtests.harness.ServiceProcess;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Issue 4's matchmaking benchmark (not a test: it prints figures and writes them to files, and
 * asserts nothing). For one and for two matchmakers it starts the same stack as
 * MatchmakingConcurrencyIT (one lobby, N matchmakers, a stand-in game node; services pinned to
 * core 0 with taskset, this load generator to core 1), warms it up, then drives players at a
 * target arrival rate and measures join-to-assigned latency with HdrHistogram (from just before
 * the join is sent to the player's first {@code room.update} or {@code match.ready}, whichever
 * comes first: a room that fills up in one batch is told by its match.ready alone) and players
 * per second from queue to room. Three paths:
 * <ul>
 *   <li>{@code lobby-socket} and {@code lobby-http}: the whole path as a client takes it: each
 *       player's lobby socket is open first (untimed), then the player joins with a {@code queue}
 *       frame on that socket or with {@code POST /lobby/api/queue}; the latency ends when the
 *       player's room reaches their own socket;</li>
 *   <li>{@code redis}: the join written straight to Redis by the lobby's own enqueue.lua (the same
 *       commands, no HTTP, no lobby), the latency ending on the {@code room-events} channel, so
 *       the matchmaker's share is visible.</li>
 * </ul>
 * Settings (system properties): bench.players (15000: one run's lobby sockets must stay under the open-files limit, 20,000 here), bench.rate (5000 per s; a list such as "1000,2000" runs each path at each rate), bench.matchmakers
 * ("1,2"), bench.paths ("lobby-socket,lobby-http,redis"), bench.warmup (90000 players at up to 2000 per s, through all three paths, before the measured runs),
 * bench.warmupRate (2000 per s, capped by the highest bench.rate), bench.gcBeforeRun (true: each
 * service collects its garbage before a run's joins), bench.redisCosts (false: true records
 * Redis' time per script in the second second of each measured run, see RedisCommandCosts).
 * Output: a table on stdout, target/bench/matchmaking-{path}-{n}mm-{rate}.json and, with every
 * latency by send time, matchmaking-{path}-{n}mm-{rate}-joins.csv ({@link JoinTrace}).
 */
public final class MatchmakingBenchmark {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.inFlight", 1024);
    private static final boolean GC_BEFORE_RUN = Boolean.parseBoolean(System.getProperty("bench.gcBeforeRun", "true"));
    private static final int WARMUP_RATE = Integer.getInteger("bench.warmupRate", 2_000);
    /** Records Redis' time per script and command during {@link #REDIS_COSTS_WINDOW} of each measured run (perturbs the run). */
    private static final boolean REDIS_COSTS = Boolean.getBoolean("bench.redisCosts");
    /** The recorded window: its second second of joins (the first may still be warming the join path up). */
    private static final Duration REDIS_COSTS_START = Duration.ofSeconds(1);
    private static final Duration REDIS_COSTS_WINDOW = Duration.ofSeconds(1);
    private static final int WARMUP_ROUND = 3_000;
    /** How often the lobby paths' joins are sent: every join due by then goes out at each tick. */
    private static final long PACING_TICK_MS = 1;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than the lobby's disconnect grace in MatchmakingStack, so a closed run's graces end before the next run. */
    private static final Duration BETWEEN_RUNS = Duration.ofSeconds(4);
    /** The pause between the collections before a run and its first join. */
    private static final Duration AFTER_COLLECTION = Duration.ofSeconds(2);
    private static final String LOBBY_HTTP = "lobby-http";
    private static final String LOBBY_SOCKET = "lobby-socket";
    private static final String PATHS = LOBBY_SOCKET + "," + LOBBY_HTTP + ",redis";
    /**
     * The lobby method each lobby path's joins enter by (the {@code redis} path does not go through
     * the lobby). For HTTP it is Quarkus REST's generated invoker (its name ends in a hash): C2
     * inlines {@code QueueResource.join} into it, so {@code join} itself never gets C2 code of its own.
     * The check is a hint, not proof: {@code false} can also mean that C2 inlined the entry point
     * into a compiled caller.
     */
    private static final Map<String, String> JOIN_ENTRY_POINTS = Map.of(
            LOBBY_SOCKET, "dev.arena.lobby.transport.LobbySocket.message(",
            LOBBY_HTTP, "dev.arena.lobby.transport.QueueResource$quarkusrestinvoker$join_");
    private static final String QUEUE_FRAME = CODEC.encode(new LobbyClientMessage.Queue());
    private static final String COLORS = "{\"primary\":\"#e6194b\",\"secondary\":\"#3cb44b\"}";

    private MatchmakingBenchmark() {}

    /** Join times of one run and the histogram its assignments go into. */
    static final class Run {
        final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        final Histogram joinToAssigned = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        /** Join to the lobby's answer: the POST's response, or on the socket the {@code queue.status} that says queued. */
        final Histogram answer = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        private final Set<String> answered = ConcurrentHashMap.newKeySet();
        /** Whether the joins are {@code queue} frames, answered on the socket (a POST's answer is its response). */
        volatile boolean answerOnSocket;
        final AtomicInteger assigned = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** Frames the players' lobby sockets received during the run (after their greetings). */
        final LongAdder frames = new LongAdder();
        final AtomicLong lastAssignedAt = new AtomicLong();
        /** Worst latencies by when the join was sent, to show when a tail happened: to the room, and to the answer. */
        /** When the first and the last join of the measured run were sent (System.nanoTime). */
        long firstSentAt;
        long lastSentAt;
        /** The first join's wall-clock time, to line the trace up with logs. */
        long firstSentAtMillis;
        /** Every latency by send time, for a measured run (null in the warm-up); its timelines too. */
        JoinTrace trace;
        volatile String firstFailure;
        /** CPU used by each part when the measured joins began (after the sockets were opened). */
        volatile Map<String, Double> cpuBefore = Map.of();
        /** CPU used by each part once the run settled, before its sockets close (closing 15,000 sockets is no join's cost). */
        volatile Map<String, Double> cpuAfter = Map.of();
        /** Records Redis' time per script in a window of this run's joins (bench.redisCosts), else null. */
        RedisCommandCosts redisCosts;
        /** Done when the recording window has closed. */
        CompletableFuture<Void> redisCostsRecorded = CompletableFuture.completedFuture(null);

        /**
         * A frame on the lobby socket of {@code player}: the first room.update that lists them, or
         * their match.ready, ends their join. Frames of players not waiting for a room (not joined yet, or placed already)
         * are not decoded, so that the generator's core goes to the joins it times.
         */
        void framed(String player, String frame) {
            long at = System.nanoTime();
            frames.increment();
            if (!sentAt.containsKey(player)) {
                return;
            }
            LobbyServerMessage message = CODEC.decodeLobbyServer(frame);
            if (placed(message, player)) {
                assignedAt(player, at);
            } else if (answerOnSocket && message instanceof LobbyServerMessage.QueueStatus status
                    && status.status() == PlayerStatus.QUEUED && answered.add(player)) {
                Long sent = sentAt.get(player);
                if (sent != null) {
                    answered(sent, at);
                }
            } else if (message instanceof ErrorMessage error && sentAt.remove(player) != null) {
                failed.incrementAndGet();
                if (firstFailure == null) {
                    firstFailure = error.code() + ": " + error.message();
                }
            }
        }

        /** Whether {@code message}, on the socket of {@code player}, places them: a room.update listing them or a match.ready. */
        private static boolean placed(LobbyServerMessage message, String player) {
            return message instanceof LobbyServerMessage.MatchReady
                    || message instanceof LobbyServerMessage.RoomUpdate update
                            && update.members().stream().anyMatch(member -> member.id().equals(player));
        }

        void noticed(long at, String payload) {
            PlayerNotice notice = CODEC.decode(payload, PlayerNotice.class);
            LobbyServerMessage message = notice.message();
            if (!(message instanceof LobbyServerMessage.RoomUpdate || message instanceof LobbyServerMessage.MatchReady)) {
                return;
            }
            for (String player : notice.players()) {
                assignedAt(player, at);
            }
        }

        /** Marks the first join as sent at {@code nanos} (System.nanoTime), now on the wall clock. */
        void started(long nanos) {
            firstSentAt = nanos;
            firstSentAtMillis = System.currentTimeMillis();
        }

        void answered(long sent, long at) {
            long micros = Math.max(0, (at - sent) / 1000);
            synchronized (answer) {
                answer.recordValue(micros);
            }
            if (trace != null) {
                trace.answer(sent - firstSentAt, micros);
            }
        }

        private void assignedAt(String player, long at) {
            Long sent = sentAt.remove(player);
            if (sent != null) {
                long micros = Math.max(0, (at - sent) / 1000);
                synchronized (joinToAssigned) {
                    joinToAssigned.recordValue(micros);
                }
                if (trace != null) {
                    trace.room(sent - firstSentAt, micros);
                }
                assigned.incrementAndGet();
                lastAssignedAt.accumulateAndGet(at, Math::max);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int players = Integer.getInteger("bench.players", 15_000);
        List<Integer> rates = Arrays.stream(System.getProperty("bench.rate", "5000").split(",")).map(r -> Integer.parseInt(r.trim())).toList();
        int warmup = Integer.getInteger("bench.warmup", 90_000);
        String matchmakerCounts = System.getProperty("bench.matchmakers", "1,2");
        List<String> paths = List.of(System.getProperty("bench.paths", PATHS).split(","));
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target/bench");
        Files.createDirectories(out);

        Map<String, Object> machine = Machine.describe(); // before pinning, so it names this process's own CPUs unpinned
        String pinning = pinSelf("1");
        System.out.printf("matchmaking benchmark: %d players at %s/s, warm-up %d, matchmakers %s; machine %s; %s%n",
                players, rates, warmup, matchmakerCounts, machine, pinning);

        List<Map<String, Object>> results = new ArrayList<>();
        for (String count : matchmakerCounts.split(",")) {
            int matchmakers = Integer.parseInt(count.trim());
            try (MatchmakingStack stack = MatchmakingStack.start(new MatchmakingStack.Options(matchmakers, 19281, 19282, "bench",
                    Duration.ofSeconds(1), Duration.ofSeconds(15), "0", serviceJvmArgs(),
                    out.resolve("stack-" + matchmakers + "mm"), Duration.ofSeconds(120)))) {
                warmUp(stack, warmup, Math.min(rates.stream().max(Integer::compare).orElseThrow(), WARMUP_RATE));
                Thread.sleep(BETWEEN_RUNS.toMillis());
                for (String path : paths) {
                    for (int pathRate : rates) {
                        String name = "matchmaking-" + path + "-" + matchmakers + "mm-" + pathRate;
                        Map<String, Object> result = measure(stack, path, matchmakers, players, pathRate, machine, pinning,
                                out.resolve(name + "-joins.csv"));
                        results.add(result);
                        Files.writeString(out.resolve(name + ".json"),
                                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
                        System.out.println(row(result));
                        System.out.println("  worst ms per " + JoinTrace.SLICE_MS + " ms of sending, to the room: " + ((Map<?, ?>) result.get("worstMsBySendTime")).values()
                                + (result.get("worstAnswerMsBySendTime") instanceof Map<?, ?> answers ? "; to the answer: " + answers.values() : ""));
                        Thread.sleep(BETWEEN_RUNS.toMillis());
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| path | matchmakers | players | target /s | offered /s | queue to room /s | p50 ms | p99 ms | p99.9 ms | max ms | answer p99 ms | not assigned | CPU µs per player |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        results.forEach(r -> System.out.println(row(r)));
    }

    /** One measured run: {@code players} new players join through {@code path} at {@code rate}; its latencies go to {@code trace}. */
    private static Map<String, Object> measure(MatchmakingStack stack, String path, int matchmakers,
            int players, int rate, Map<String, Object> machine, String pinning, Path trace) throws InterruptedException, IOException {
        Run run = new Run();
        run.trace = new JoinTrace(players);
        run.redisCosts = REDIS_COSTS ? RedisCommandCosts.on(MatchmakingStack.REDIS_URL) : null;
        joinAndSettle(stack, run, path, "m" + path + rate, players, rate);
        Map<String, Object> result = result(path, matchmakers, players, rate, run, machine, pinning);
        run.trace.write(trace, run.firstSentAtMillis);
        if (run.redisCosts != null) {
            run.redisCostsRecorded.join();
            Map<String, Map<String, Object>> costs = run.redisCosts.collect(rate * (REDIS_COSTS_WINDOW.toMillis() / 1000.0));
            result.put("redisTimeByScriptInWindow", costs);
            System.out.println("  Redis time per script or command in the run's second second (recorded: latencies of this run are perturbed):");
            costs.entrySet().stream().limit(12).forEach(e -> System.out.println("    " + e.getKey() + " " + e.getValue()));
        }
        result.put("cpuMicrosPerPlayer", CpuAccount.microsPerPlayer(run.cpuBefore, run.cpuAfter, run.assigned.get()));
        // Whether the run ended on C2 code of its lobby entry point (it may have been compiled during the run).
        result.put("joinEntryCompiledByC2After", joinPathCompiled(stack, path));
        return result;
    }

    /** Joins {@code players} new players through {@code path} at {@code rate} and waits until they are placed. */
    private static void joinAndSettle(MatchmakingStack stack, Run run, String path, String tag, int players, int rate)
            throws InterruptedException, IOException {
        if (path.startsWith("lobby")) {
            try (ConnectedPlayers connected = viaLobby(stack, run, tag, players, rate, LOBBY_SOCKET.equals(path))) {
                settle(run, players);
                run.cpuAfter = CpuAccount.snapshot(stack);
            }
        } else {
            // Subscribed for this run only: during the lobby paths a second subscriber would cost Redis and this process.
            try (RedisClient roomEvents = stack.redis().subscribe(stack.key("room-events"), run::noticed)) {
                viaRedis(stack, run, tag, players, rate);
                settle(run, players);
                run.cpuAfter = CpuAccount.snapshot(stack);
            }
        }
    }

    /**
     * Runs {@code players} warm-up players through every path, in rounds of at most
     * {@value #WARMUP_ROUND} (sockets of one round close before the next opens), so that the
     * measured runs meet compiled code: after a few thousand players the C2 compiler threads still
     * took a third of the lobby's CPU during the measured joins, and the lobby's CPU per join kept
     * falling up to tens of thousands of warm-up players.
     * Says whether C2 has compiled the lobby's join entry points by then.
     */
    private static void warmUp(MatchmakingStack stack, int players, int rate)
            throws InterruptedException, IOException {
        long started = System.nanoTime();
        List<String> every = List.of(PATHS.split(","));
        for (int done = 0, round = 0; done < players; round++) {
            int size = Math.min(WARMUP_ROUND, players - done);
            joinAndSettle(stack, new Run(), every.get(round % every.size()), "warm" + round + "-", size, rate);
            done += size;
        }
        Map<String, Boolean> compiled = new TreeMap<>();
        JOIN_ENTRY_POINTS.keySet().forEach(path -> compiled.put(path, joinPathCompiled(stack, path)));
        System.out.printf("  warm-up: %d players in %.0f s; the lobby's join entry points compiled by C2: %s%n",
                players, (System.nanoTime() - started) / 1e9, compiled);
    }

    /** Whether the lobby runs C2 code of the method by which the path's joins enter (true for {@code redis}: no lobby). */
    private static boolean joinPathCompiled(MatchmakingStack stack, String path) {
        String entry = JOIN_ENTRY_POINTS.get(path);
        return entry == null || stack.lobby().compiledByC2(entry);
    }

    /** -Xmx512m plus bench.serviceJvmArgs (space-separated), e.g. a JFR recording to profile the services under load. */
    private static List<String> serviceJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("bench.serviceJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return args;
    }

    /**
     * Joins {@code players} new players the way the browser client does: each first opens its lobby
     * socket (not timed: the lobby verifies the token there, as it does for a player who opens the
     * page), then at {@code rate} joins, with {@code POST /lobby/api/queue} or, {@code overSocket},
     * with a {@code queue} frame on that socket; the latency ends when the player's own socket
     * receives the {@code room.update} that lists them or their {@code match.ready}. Returns the
     * open sockets, for the caller to close once the run settled (one run's sockets at a time stay
     * under the open-files limit).
     */
    static ConnectedPlayers viaLobby(MatchmakingStack stack, Run run, String tag, int players, int rate, boolean overSocket)
            throws InterruptedException {
        List<String> ids = new ArrayList<>(players);
        List<String> tokens = new ArrayList<>(players);
        for (int i = 0; i < players; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            tokens.add(stack.keys().playerToken(id, tag + i));
        }
        run.answerOnSocket = overSocket;
        ConnectedPlayers connected = new ConnectedPlayers();
        List<WebSocket> sockets = connected.open(stack, run, ids, tokens);
        if (!overSocket) {
            stack.openHttpConnections(MAX_IN_FLIGHT);
        }
        beforeJoins(stack, run);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        run.started(start);
        int[] next = {0};
        // Sent from the generator's event loop, every join due by each millisecond's tick: a pacing
        // thread woke 5,000 times a second and handed each write to the event loop (run 12).
        stack.onEventLoopEvery(PACING_TICK_MS, () -> {
            long now = System.nanoTime();
            int due = (int) Math.min(players, (now - start) / interval + 1);
            for (; next[0] < due; next[0]++) {
                if (!overSocket && !inFlight.tryAcquire()) {
                    return true; // as many requests in flight as connections: the rest wait for a later tick
                }
                join(stack, run, ids.get(next[0]), overSocket ? sockets.get(next[0]) : null, tokens.get(next[0]), inFlight);
            }
            return next[0] < players;
        }).join();
        inFlight.acquire(MAX_IN_FLIGHT); // every answer is in
        inFlight.release(MAX_IN_FLIGHT);
        return connected;
    }

    /**
     * Sends player {@code id}'s join: on the socket path a {@code queue} frame on {@code socket}
     * (null: it did not open), else {@code POST /lobby/api/queue} with {@code token}, which holds
     * one of {@code inFlight} until answered.
     */
    private static void join(MatchmakingStack stack, Run run, String id, WebSocket socket, String token, Semaphore inFlight) {
        long sent = System.nanoTime();
        run.sentAt.put(id, sent);
        run.lastSentAt = sent;
        if (run.answerOnSocket) {
            // The answer comes as a frame; Run.framed counts refusals.
            if (socket == null) {
                run.sentAt.remove(id);
                run.failed.incrementAndGet();
            } else {
                socket.writeTextMessage(QUEUE_FRAME);
            }
            return;
        }
        stack.join(token).whenComplete((response, error) -> {
            inFlight.release();
            run.answered(sent, System.nanoTime());
            if (error != null || response.statusCode() != 202) {
                run.failed.incrementAndGet();
                run.sentAt.remove(id);
                if (run.firstFailure == null) {
                    run.firstFailure = error != null ? error.toString() : response.statusCode() + " " + response.body();
                }
            }
        });
    }

    /** One run's lobby sockets, opened before the players join. */
    static final class ConnectedPlayers implements AutoCloseable {
        private static final int OPENING_AT_ONCE = 128;
        private final List<WebSocket> sockets = new ArrayList<>();

        /**
         * Opens one socket per player ({@value #OPENING_AT_ONCE} upgrades at a time), waits for each
         * player's greeting and returns the sockets in the players' order.
         */
        List<WebSocket> open(MatchmakingStack stack, Run run, List<String> ids, List<String> tokens) throws InterruptedException {
            WebSocket[] opened = new WebSocket[ids.size()];
            Semaphore opening = new Semaphore(OPENING_AT_ONCE);
            CountDownLatch greeted = new CountDownLatch(ids.size());
            AtomicReference<Throwable> refused = new AtomicReference<>();
            long started = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                int index = i;
                AtomicBoolean first = new AtomicBoolean(true);
                opening.acquire();
                stack.openLobby(tokens.get(i), frame -> {
                    if (first.getAndSet(false)) {
                        opening.release();
                        greeted.countDown();
                    }
                    run.framed(id, frame);
                }).whenComplete((socket, error) -> {
                    if (error != null) {
                        refused.compareAndSet(null, error);
                        opening.release();
                        greeted.countDown();
                        return;
                    }
                    opened[index] = socket;
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                });
            }
            boolean all = greeted.await(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (refused.get() != null) {
                throw new IllegalStateException("a lobby socket was refused", refused.get());
            }
            if (!all && greeted.getCount() > ids.size() / 100) {
                throw new IllegalStateException(greeted.getCount() + " lobby sockets were not greeted in " + SETTLE_TIMEOUT);
            }
            // A few stragglers do not stop the run: their players count as not assigned, and the count is printed.
            System.out.printf("  %d lobby sockets open and greeted in %.1f s%s%n", ids.size() - greeted.getCount(),
                    (System.nanoTime() - started) / 1e9, all ? "" : " (" + greeted.getCount() + " not greeted in " + SETTLE_TIMEOUT + ")");
            return Arrays.asList(opened); // null where a socket did not open
        }

        @Override
        public void close() {
            synchronized (sockets) {
                sockets.forEach(WebSocket::close);
                sockets.clear();
            }
        }
    }

    /**
     * Joins {@code players} new players by running the lobby's enqueue.lua straight on Redis at
     * {@code rate} (all joins due at the same moment go in one pipeline).
     */
    static void viaRedis(MatchmakingStack stack, Run run, String tag, int players, int rate) throws IOException {
        String script = Files.readString(MatchmakingStack.repo().resolve("lobby-service/src/main/resources/lua/enqueue.lua"));
        long interval = 1_000_000_000L / rate;
        try (RedisClient redis = new RedisClient(MatchmakingStack.REDIS_URL)) {
            String sha = redis.string("SCRIPT", "LOAD", script);
            beforeJoins(stack, run);
            long start = System.nanoTime();
            run.started(start);
            int next = 0;
            while (next < players) {
                paceUntil(start + next * interval);
                long now = System.nanoTime();
                int due = (int) Math.min(players, (now - start) / interval + 1);
                List<String[]> commands = new ArrayList<>(due - next);
                String epochMs = Long.toString(System.currentTimeMillis());
                long sent = System.nanoTime();
                for (; next < due; next++) {
                    String id = UUID.randomUUID().toString();
                    run.sentAt.put(id, sent);
                    commands.add(new String[] {"EVALSHA", sha, "3", stack.key("player:" + id), stack.key("players_queue"),
                            stack.key("lobby:joins"), id, epochMs, tag + next, COLORS, "300000", "100000"});
                }
                run.lastSentAt = sent;
                for (Object reply : redis.pipeline(commands)) {
                    if (reply instanceof RedisClient.RedisError error) {
                        run.failed.incrementAndGet();
                        run.firstFailure = error.getMessage();
                    }
                }
            }
        }
    }

    /**
     * Just before a run's joins: unless {@code bench.gcBeforeRun=false}, a full collection in each
     * service and in this generator (as JMH does between iterations: a run should not pay for the garbage of the warm-up,
     * the previous run or its own sockets' opening), then the CPU snapshot the run's cost starts from.
     */
    private static void beforeJoins(MatchmakingStack stack, Run run) {
        if (GC_BEFORE_RUN) {
            stack.services().forEach(ServiceProcess::collectGarbage);
            // This process too: otherwise its young collections during the joins copy the state of
            // the sockets it just opened (G1 pauses of 38-54 ms here), and every such pause adds
            // to the latencies it measures.
            System.gc();
            // The lobby's full collection stops it for about a second with 15,000 sockets open; runs
            // that began at once had a p50 of 100-200 ms in their first half second (run 13).
            paceUntil(System.nanoTime() + AFTER_COLLECTION.toNanos());
        }
        run.cpuBefore = CpuAccount.snapshot(stack); // the joins' cost, not the sockets' opening
        run.frames.reset(); // nor their greetings
        if (run.redisCosts != null) {
            RedisCommandCosts costs = run.redisCosts;
            CompletableFuture.runAsync(costs::start, CompletableFuture.delayedExecutor(REDIS_COSTS_START.toMillis(), TimeUnit.MILLISECONDS));
            run.redisCostsRecorded = CompletableFuture.runAsync(costs::stop, CompletableFuture.delayedExecutor(
                    REDIS_COSTS_START.plus(REDIS_COSTS_WINDOW).toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Sleeps until {@code target}. Never spins: at 5,000 joins/s a join is due every 200 µs, and a
     * spinning pacer took a whole core from the generator's socket threads (run 7). A late wake-up
     * (parkNanos overshoots by tens of µs) only delays that join; the schedule itself does not drift.
     */
    private static void paceUntil(long target) {
        long remaining;
        while ((remaining = target - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    /** Waits until every sent player was assigned or nothing changed for a while (bounded). */
    private static void settle(Run run, int players) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int seen = -1;
        int still = 0;
        while (System.nanoTime() < deadline && run.assigned.get() + run.failed.get() < players) {
            Thread.sleep(200);
            int now = run.assigned.get();
            still = now == seen ? still + 1 : 0;
            seen = now;
            if (still >= 50) { // 10 s without a single assignment
                break;
            }
        }
    }

    private static Map<String, Object> result(String path, int matchmakers, int players, int rate, Run run,
            Map<String, Object> machine, String pinning) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("date", Instant.now().toString());
        r.put("path", path);
        r.put("matchmakers", matchmakers);
        r.put("players", players);
        r.put("targetRatePerSecond", rate);
        double sendSeconds = Math.max(1e-9, (run.lastSentAt - run.firstSentAt) / 1e9);
        double assignSeconds = Math.max(1e-9, (run.lastAssignedAt.get() - run.firstSentAt) / 1e9);
        r.put("offeredRatePerSecond", Math.round(players / sendSeconds));
        r.put("assigned", run.assigned.get());
        r.put("notAssigned", players - run.assigned.get());
        r.put("failedJoins", run.failed.get());
        r.put("firstFailure", run.firstFailure);
        r.put("queueToRoomPerSecond", Math.round(run.assigned.get() / assignSeconds));
        r.put("joinToAssignedMs", percentiles(run.joinToAssigned));
        r.put("worstMsBySendTime", run.trace.worstRoomMillis(sendSeconds));
        r.put("worstAnswerMsBySendTime", path.startsWith("lobby") ? run.trace.worstAnswerMillis(sendSeconds) : null);
        r.put("answerMs", path.startsWith("lobby") ? percentiles(run.answer) : null);
        r.put("lobbyFramesPerPlayer", path.startsWith("lobby") ? Math.round(100.0 * run.frames.sum() / Math.max(1, run.assigned.get())) / 100.0 : null);
        r.put("machine", machine);
        r.put("pinning", pinning);
        return r;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        synchronized (h) {
            p.put("count", h.getTotalCount());
            p.put("p50", h.getValueAtPercentile(50) / 1000.0);
            p.put("p90", h.getValueAtPercentile(90) / 1000.0);
            p.put("p99", h.getValueAtPercentile(99) / 1000.0);
            p.put("p99_9", h.getValueAtPercentile(99.9) / 1000.0);
            p.put("max", h.getMaxValue() / 1000.0);
            p.put("mean", Math.round(h.getMean()) / 1000.0);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static String row(Map<String, Object> r) {
        Map<String, Object> l = (Map<String, Object>) r.get("joinToAssignedMs");
        Map<String, Object> answer = (Map<String, Object>) r.get("answerMs");
        Map<String, Double> cpu = (Map<String, Double>) r.get("cpuMicrosPerPlayer");
        return String.format("| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %d | %s |", r.get("path"), r.get("matchmakers"),
                r.get("players"), r.get("targetRatePerSecond"), r.get("offeredRatePerSecond"), r.get("queueToRoomPerSecond"),
                l.get("p50"), l.get("p99"), l.get("p99_9"), l.get("max"),
                answer == null ? "–" : String.format("%.1f", (Double) answer.get("p99")), r.get("notAssigned"), cpu);
    }

    /** Pins this whole process (every thread) to {@code cpus} with taskset; says what happened. */
    private static String pinSelf(String cpus) {
        var taskset = ServiceProcess.taskset();
        if (taskset.isEmpty()) {
            return "not pinned: taskset is missing";
        }
        try {
            Process p = new ProcessBuilder(taskset.get().toString(), "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                return "not pinned: taskset failed: " + output.strip();
            }
            return "services (lobby, matchmakers) pinned to core 0 with taskset -c 0, load generator to core " + cpus
                    + " (taskset -a -p); Redis and the stand-in node's Redis traffic not pinned (Redis is the machine's)";
        } catch (IOException | InterruptedException e) {
            return "not pinned: " + e;
        }
    }
}
