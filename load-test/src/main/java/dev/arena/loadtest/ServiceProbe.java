package dev.arena.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the services' {@code /q/metrics} without blocking the event loop: per timeline sample
 * (since the previous one) and per capacity step (since {@link #mark()}). A service that does not
 * answer is left out of that sample; the run goes on.
 */
final class ServiceProbe {

    private static final long TIMEOUT_MS = 3_000;

    private final Map<String, URI> targets;
    private final HttpClient http;
    private Map<String, PrometheusScrape> previous = Map.of();
    private Map<String, PrometheusScrape> marked = Map.of();

    ServiceProbe(Vertx vertx, Map<String, URI> targets) {
        this.targets = targets;
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(Math.max(1, targets.size())));
    }

    /** Figures per service since the previous sample. */
    Future<Map<String, Object>> sample() {
        return scrapeAll().map(now -> {
            Map<String, Object> out = since(now, previous);
            // A slow service can make two samples overlap: keep the newer reading of each.
            Map<String, PrometheusScrape> latest = new LinkedHashMap<>(previous);
            now.forEach((name, scrape) -> latest.merge(name, scrape, PrometheusScrape::newer));
            previous = latest;
            return out;
        });
    }

    /** Starts a window (a capacity step's hold). */
    Future<Void> mark() {
        return scrapeAll().map(now -> {
            marked = now;
            return null;
        });
    }

    /** Figures per service since {@link #mark()}. */
    Future<Map<String, Object>> sinceMark() {
        return scrapeAll().map(now -> since(now, marked));
    }

    private static Map<String, Object> since(Map<String, PrometheusScrape> now, Map<String, PrometheusScrape> before) {
        Map<String, Object> out = new LinkedHashMap<>();
        now.forEach((name, scrape) -> {
            PrometheusScrape earlier = before.get(name);
            if (earlier != null && scrape.isAfter(earlier)) {
                out.put(name, scrape.since(earlier));
            }
        });
        return out;
    }

    private Future<Map<String, PrometheusScrape>> scrapeAll() {
        List<String> names = new ArrayList<>(targets.keySet());
        List<Future<PrometheusScrape>> reads = new ArrayList<>();
        for (String name : names) {
            reads.add(scrape(targets.get(name)).otherwiseEmpty());
        }
        return Future.join(reads).otherwiseEmpty().map(ignored -> {
            Map<String, PrometheusScrape> out = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                PrometheusScrape scrape = reads.get(i).result();
                if (scrape != null) {
                    out.put(names.get(i), scrape);
                }
            }
            return out;
        });
    }

    private Future<PrometheusScrape> scrape(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return http.request(HttpMethod.GET, port, uri.getHost(), uri.getRawPath())
                .compose(request -> request.idleTimeout(TIMEOUT_MS).send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map((Buffer body) -> PrometheusScrape.parse(body.toString(), System.nanoTime()));
    }
}
