package dev.arena.loadtest;

import dev.arena.model.codec.MessageCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts bots at the arrival rate up to the number admitted (every player, or a capacity step's
 * worth), stops them when the duration is over, and completes when all are gone or time runs out.
 */
final class Fleet {

    private static final long ARRIVAL_TICK_MS = 10;
    /**
     * The edge limits the lobby API per client address (20 requests/s, bursts of 60), as it should
     * for real players; so a few bots share one loopback source address (127.0.x.y; Linux routes
     * all of 127/8 to lo) instead of all of them hitting the limit from 127.0.0.1.
     */
    private static final int BOTS_PER_ADDRESS = 8;

    private final Vertx vertx;
    private final LoadOptions options;
    private final Metrics metrics;
    private final List<HttpClient> http = new ArrayList<>();
    private final WebSocketClient sockets;
    private final MessageCodec codec = new MessageCodec();
    private final List<Bot> bots = new ArrayList<>();
    private final Promise<Void> done = Promise.promise();
    private long startedAt;
    private long lastArrivalCheck;
    /** Arrivals due but not started yet: the rate accrues them, timer jitter cannot lose or bunch them. */
    private double arrivalCredit;
    private int admitted;
    private int active;
    private boolean stopping;
    /** The burst scenario: bots with their identity and lobby socket, waiting to queue together. */
    private final List<Bot> ready = new ArrayList<>();
    private boolean burstStarted;

    Fleet(Vertx vertx, LoadOptions options, Metrics metrics) {
        this.vertx = vertx;
        this.options = options;
        this.metrics = metrics;
        // One connection per bot and socket: the defaults (a pool of 5, 50 sockets per host) would queue the bots.
        int addresses = options.spreadSources() ? (options.players() + BOTS_PER_ADDRESS - 1) / BOTS_PER_ADDRESS : 1;
        for (int i = 0; i < addresses; i++) {
            HttpClientOptions client = new HttpClientOptions().setMaxPoolSize(BOTS_PER_ADDRESS).setConnectTimeout(10_000);
            if (options.spreadSources()) {
                client.setLocalAddress("127.0." + (i / 250) + "." + (2 + i % 250));
            }
            http.add(vertx.createHttpClient(client));
        }
        this.admitted = options.capacity() ? 0 : options.players();
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(options.players() * 2 + 16).setConnectTimeout(10_000));
    }

    /**
     * Runs on the event loop; the returned promise completes when every bot has finished or the run
     * time is up. In the capacity scenario the ramp admits the players and ends the run.
     */
    Future<Void> run() {
        vertx.runOnContext(v -> {
            startedAt = System.nanoTime();
            lastArrivalCheck = startedAt;
            long arrivals = vertx.setPeriodic(ARRIVAL_TICK_MS, id -> arrive());
            if (options.burst()) {
                // Bots that could not get ready in time do not hold the crowd back.
                vertx.setTimer(options.burstPrepare().toMillis(), id -> startBurst());
            }
            vertx.setTimer(options.duration().toMillis(), id -> {
                vertx.cancelTimer(arrivals);
                if (options.capacity()) {
                    stopAll(); // the ramp normally ends earlier; its matches would outlast any wait
                } else {
                    beginStopping();
                }
            });
            vertx.setTimer(options.maxRunTime().toMillis(), id -> {
                // Bots still busy now (a long match, a stuck socket) are cut off: the run is bounded.
                new ArrayList<>(bots).forEach(Bot::stop);
                done.tryComplete();
            });
        });
        return done.future();
    }

    boolean stopping() {
        return stopping;
    }

    /** Seconds since the first arrival. */
    double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    int started() {
        return bots.size();
    }

    /**
     * A bot of the burst is ready (identity and lobby socket). When every bot is, or the prepare
     * time is over, all of them queue at the burst rate: a crowd that arrives at once.
     */
    void ready(Bot bot) {
        if (burstStarted) {
            bot.queue(); // late: it joins the crowd as it comes
            return;
        }
        ready.add(bot);
        if (ready.size() >= options.players()) {
            startBurst();
        }
    }

    private void startBurst() {
        if (burstStarted || stopping) {
            return;
        }
        burstStarted = true;
        System.out.printf("burst: %d bots ready after %.1f s, queueing at %.0f/s%n", ready.size(), elapsedSeconds(),
                options.burstRate());
        long perTick = Math.max(1, Math.round(options.burstRate() * ARRIVAL_TICK_MS / 1000.0));
        vertx.setPeriodic(ARRIVAL_TICK_MS, id -> {
            for (int i = 0; i < perTick && !ready.isEmpty(); i++) {
                ready.remove(ready.size() - 1).queue();
            }
            if (ready.isEmpty() || stopping) {
                vertx.cancelTimer(id);
            }
        });
    }

    /** Marks the bots playing on {@code nodeId}, just killed or stopped at {@code killedAt}, to time their return; returns how many. */
    int failover(String nodeId, long killedAt) {
        int affected = 0;
        for (Bot bot : bots) {
            if (bot.failover(nodeId, killedAt)) {
                affected++;
            }
        }
        return affected;
    }

    /** Bots whose match was interrupted (their game socket lost) and has not gone on yet. */
    long stillInterrupted() {
        return bots.stream().filter(Bot::interrupted).count();
    }

    /** Lets up to {@code players} bots arrive (at the arrival rate); the capacity ramp raises it step by step. */
    void admit(int players) {
        admitted = Math.min(players, options.players());
    }

    /** Ends the run now: every bot leaves, in a match or not (the capacity ramp's matches outlast it). */
    void stopAll() {
        stopping = true;
        new ArrayList<>(bots).forEach(Bot::stop);
        done.tryComplete();
    }

    int active() {
        return active;
    }

    void finished() {
        active--;
        if (stopping && active == 0) {
            done.tryComplete();
        }
    }

    private void arrive() {
        long now = System.nanoTime();
        arrivalCredit += (now - lastArrivalCheck) / 1e9 * options.arrivalPerSecond();
        lastArrivalCheck = now;
        if (bots.size() >= admitted) {
            arrivalCredit = 0; // nothing banked while nobody may arrive: the next step starts at the rate
            return;
        }
        // The first bot comes at once; then the rate.
        arrivalCredit = Math.max(arrivalCredit, bots.isEmpty() ? 1 : 0);
        while (arrivalCredit >= 1 && bots.size() < admitted) {
            arrivalCredit--;
            Bot bot = new Bot(bots.size(), vertx, http.get(bots.size() / BOTS_PER_ADDRESS % http.size()), sockets, codec, options, metrics, this);
            bots.add(bot);
            active++;
            bot.start();
        }
    }

    /** Bots in a match play it to its end (then leave); the others leave now. */
    private void beginStopping() {
        stopping = true;
        for (Bot bot : new ArrayList<>(bots)) {
            if (!bot.inGame()) {
                bot.stop();
            }
        }
        if (active == 0) {
            done.tryComplete();
        }
    }
}
