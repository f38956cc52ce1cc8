package dev.arena.systemtests.harness;

import dev.arena.model.protocol.SocketAuth;
import dev.arena.model.protocol.SocketPaths;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The matchmaking path as child processes, for the concurrency test and the benchmark alike: one
 * lobby and N matchmakers from their packaged jars on one Redis database and a shard of their own,
 * a JWT key pair made for the run, a stand-in game node, and the lobby's queue over HTTP.
 * {@link #close()} stops every process (also after a failed start) and deletes the shard's keys
 * with SCAN and DEL.
 */
public final class MatchmakingStack implements AutoCloseable {

    /** Redis database of these tests: apart from the services' tests (1), StackIT (2) and a developer's stack (0). */
    public static final String REDIS_URL = System.getenv().getOrDefault("ARENA_SYSTEM_TEST_REDIS_URL", "redis://127.0.0.1:6379/3");

    /** What to start. {@code cpus} pins the services with taskset (null: no pinning). */
    public record Options(int matchmakers, int lobbyPort, int firstMatchmakerPort, String shardPrefix, Duration countdown,
            Duration arrivalTimeout, String cpus, List<String> jvmArgs, Path workDir, Duration startTimeout) {}

    private final Options options;
    private final String shard;
    private final JwtKeys keys;
    private final RedisClient redis;
    private final List<ServiceProcess> services = new ArrayList<>();
    private StandInGameNode node;
    private final List<StandInGameNode> extraNodes = new ArrayList<>();
    // java.net.http's client topped out at ~700 requests/s on its core, far below what the lobby
    // serves (docs/benchmarks.md); Vert.x' client on one event loop keeps up with thousands. On
    // epoll where the platform has it, as the services.
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
    // As many connections as the benchmark's default requests in flight (bench.inFlight; each
    // browser has its own): a pool of 256 queued requests in the client once answers took longer
    // than 256 / rate, 51 ms at 5,000/s.
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions()
            .setDefaultHost("127.0.0.1").setKeepAlive(true).setMaxPoolSize(1024)
            .setMaxWaitQueueSize(-1).setConnectTimeout(5_000));
    // One socket per player, as the browser client holds: tens of thousands in a benchmark.
    private final WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(100_000).setConnectTimeout(10_000));

    /** The status and body of an answer. */
    public record HttpAnswer(int statusCode, String body) {}

    private MatchmakingStack(Options options) {
        this.options = options;
        this.shard = options.shardPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.keys = JwtKeys.generate(options.workDir().resolve("keys"));
        this.redis = new RedisClient(REDIS_URL);
    }

    /** Starts everything and waits until every service is ready; on failure nothing is left running. */
    public static MatchmakingStack start(Options options) {
        MatchmakingStack stack = new MatchmakingStack(options);
        try {
            stack.startServices();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startServices() {
        Path repo = repo();
        Path logs = options.workDir().resolve("logs");
        Map<String, String> common = new HashMap<>();
        common.put("ARENA_REDIS_URL", REDIS_URL);
        common.put("ARENA_SHARD_NAME", shard);
        common.put("ARENA_JWT_PUBLIC_KEY_FILE", keys.publicKeyFile().toString());
        // ./stack test exports ARENA_DB_USER/PASSWORD/HOST/PORT; the services' defaults apply otherwise.
        common.put("ARENA_DB_NAME", System.getenv().getOrDefault("ARENA_TEST_DB_NAME", "arena_test"));
        // Pinned to one core, each service runs as k8s/base deploys it on its one CPU: one event loop.
        if (options.cpus() != null && options.cpus().matches("\\d+")) {
            common.put("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE", "1");
        }

        Map<String, String> lobbyEnv = new HashMap<>(common);
        lobbyEnv.put("ARENA_JWT_PRIVATE_KEY_FILE", keys.privateKeyFile().toString());
        // The benchmark closes each run's thousands of lobby sockets: their graces should be over before the next run.
        lobbyEnv.put("ARENA_LOBBY_DISCONNECT_GRACE", "PT2S");
        services.add(ServiceProcess.start("lobby", ServiceProcess.jar(repo, "lobby-service"), options.lobbyPort(), lobbyEnv,
                options.jvmArgs(), options.cpus(), logs));
        for (int i = 1; i <= options.matchmakers(); i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("ARENA_MATCHMAKER_CONSUMER_NAME", shard + "-mm-" + i);
            env.put("ARENA_MATCHMAKER_COUNTDOWN", options.countdown().toString());
            env.put("ARENA_MATCHMAKER_ARRIVAL_TIMEOUT", options.arrivalTimeout().toString());
            services.add(ServiceProcess.start("matchmaker-" + i, ServiceProcess.jar(repo, "matchmaker-service"),
                    options.firstMatchmakerPort() + i - 1, env, options.jvmArgs(), options.cpus(), logs));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(options.startTimeout());
        }
        node = new StandInGameNode(REDIS_URL, shard, "stand-in-1");
    }

    /** The repository root (this module's parent). */
    public static Path repo() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize().getParent();
    }

    public String shard() {
        return shard;
    }

    /** A key of this shard, e.g. {@code key("players_queue")} is {@code {conc-1234abcd}:players_queue}. */
    public String key(String name) {
        return "{" + shard + "}:" + name;
    }

    public JwtKeys keys() {
        return keys;
    }

    /** A connection for the caller's own reads (not thread-safe against a subscriber: use {@link RedisClient#subscribe}). */
    public RedisClient redis() {
        return redis;
    }

    public StandInGameNode node() {
        return node;
    }

    /** Starts another stand-in node on this shard; closed with the stack. */
    public StandInGameNode addNode(String nodeId) {
        StandInGameNode added = new StandInGameNode(REDIS_URL, shard, nodeId);
        extraNodes.add(added);
        return added;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    /** The lobby (the first service started). */
    public ServiceProcess lobby() {
        return services.get(0);
    }

    /** {@code POST /lobby/api/queue} with the player's token. */
    public CompletableFuture<HttpAnswer> join(String token) {
        return queue(HttpMethod.POST, token);
    }

    /**
     * Opens {@code connections} keep-alive connections to the lobby (concurrent
     * {@code GET /q/health/live}), as a browser holds one to the edge from loading the page: so
     * that joins do not pay for connecting.
     */
    public void openHttpConnections(int connections) {
        RequestOptions request = new RequestOptions().setPort(options.lobbyPort()).setURI("/q/health/live").setTimeout(30_000);
        List<CompletableFuture<?>> answers = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            answers.add(http.request(request).compose(sent -> sent.send().compose(answer -> answer.body()))
                    .toCompletionStage().toCompletableFuture());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    }

    /** {@code DELETE /lobby/api/queue} with the player's token. */
    public CompletableFuture<HttpAnswer> leave(String token) {
        return queue(HttpMethod.DELETE, token);
    }

    /**
     * Runs {@code tick} on the event loop of this stack's clients every {@code periodMillis} until
     * it returns false; the future completes then (or with what {@code tick} threw). Work done in
     * the tick, such as a socket write, needs no hand-over to the event loop.
     */
    public CompletableFuture<Void> onEventLoopEvery(long periodMillis, BooleanSupplier tick) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.setPeriodic(periodMillis, timer -> {
            try {
                if (!tick.getAsBoolean()) {
                    vertx.cancelTimer(timer);
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                vertx.cancelTimer(timer);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Opens the player's lobby socket as the browser does (token in the subprotocol carrier); every
     * text frame goes to {@code frames} on this stack's event loop.
     */
    public CompletableFuture<WebSocket> openLobby(String token, Consumer<String> frames) {
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(options.lobbyPort())
                .setURI(SocketPaths.LOBBY).setSubProtocols(SocketAuth.subprotocols(token));
        return sockets.connect(connect).map(socket -> {
            socket.textMessageHandler(frames::accept);
            return socket;
        }).toCompletionStage().toCompletableFuture();
    }

    private CompletableFuture<HttpAnswer> queue(HttpMethod method, String token) {
        RequestOptions request = new RequestOptions().setMethod(method).setPort(options.lobbyPort())
                .setURI("/lobby/api/queue").putHeader("Authorization", "Bearer " + token).setTimeout(30_000);
        return http.request(request)
                .compose(sent -> sent.send().compose(answer -> answer.body()
                        .map(body -> new HttpAnswer(answer.statusCode(), body.toString()))))
                .toCompletionStage().toCompletableFuture();
    }

    /** Join events not yet read or acknowledged by the matchmakers (see {@link #backlog}). */
    public long joinsBacklog() {
        return backlog(key("lobby:joins"));
    }

    /**
     * Entries of a stream the matchmakers read (lobby:joins, game:events) not yet read or
     * acknowledged: the group's pending entries plus one if the group has not read up to the
     * stream's last entry.
     */
    public long backlog(String stream) {
        if (redis.number("EXISTS", stream) == 0) {
            return 0;
        }
        List<Object> groups = redis.list("XINFO", "GROUPS", stream);
        if (groups.isEmpty()) {
            return redis.number("XLEN", stream);
        }
        Map<String, Object> group = fields((List<?>) groups.get(0));
        Map<String, Object> info = fields(redis.list("XINFO", "STREAM", stream));
        long pending = (Long) group.get("pending");
        boolean unread = !String.valueOf(info.get("last-generated-id")).equals(String.valueOf(group.get("last-delivered-id")));
        return pending + (unread ? 1 : 0);
    }

    private static Map<String, Object> fields(List<?> flat) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    /** Stops the node and every service (SIGTERM, then SIGKILL), then deletes the shard's keys. Never throws. */
    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
        extraNodes.forEach(StandInGameNode::close);
        // SIGTERM to all first so they shut down in parallel, then wait for each.
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread stopper = new Thread(service::stop, "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            redis.deleteMatching("{" + shard + "}:*");
        } catch (RuntimeException e) {
            System.err.println("could not clean the keys of shard " + shard + ": " + e);
        }
        redis.close();
        vertx.close();
    }
}
