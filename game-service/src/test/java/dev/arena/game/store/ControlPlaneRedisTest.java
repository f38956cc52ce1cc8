package dev.arena.game.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arena.testsupport.Await;
import dev.arena.testsupport.OwnRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane's client reaches a Redis that requires a password (Kubernetes passes it as
 * {@code QUARKUS_REDIS_PASSWORD}, apart from the URL), as the shared client does; without the
 * password it is refused. A redis-server of the test's own, with {@code requirepass}.
 */
class ControlPlaneRedisTest {

    private static final String PASSWORD = "control-plane-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Process server;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = new ProcessBuilder(OwnRedis.binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--requirepass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        url = "redis://127.0.0.1:" + port;
        Await.until(() -> {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, Duration.ofSeconds(10), "the test's redis-server");
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    @Test
    void authenticatesWithTheConfiguredPassword() {
        ControlPlaneRedis redis = new ControlPlaneRedis(List.of(url), "standalone", Optional.of(PASSWORD), TIMEOUT);
        try {
            redis.blocking().value(String.class).set("heartbeat", "beat");
            assertEquals("beat", redis.blocking().value(String.class).get("heartbeat"));
        } finally {
            redis.close();
        }
    }

    @Test
    void withoutThePasswordItIsRefused() {
        ControlPlaneRedis redis = new ControlPlaneRedis(List.of(url), "standalone", Optional.empty(), TIMEOUT);
        try {
            assertThrows(RuntimeException.class, () -> redis.blocking().value(String.class).get("heartbeat"));
        } finally {
            redis.close();
        }
    }
}
