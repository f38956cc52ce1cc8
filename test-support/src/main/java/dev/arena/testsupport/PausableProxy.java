package dev.arena.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of a store that a test can stall: while paused it holds every byte in
 * both directions, as a stalled server would, then passes them on. For stores a test cannot pause
 * itself (PostgreSQL has no {@code CLIENT PAUSE}); the shared server is never touched.
 */
public final class PausableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long pausedUntilNanos = System.nanoTime();

    private PausableProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on loopback {@code port} and forwards each connection to {@code targetHost:targetPort}. */
    public static PausableProxy start(int port, String targetHost, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        PausableProxy proxy = new PausableProxy(server, targetHost, targetPort);
        daemon("proxy-accept-" + port, proxy::accept);
        return proxy;
    }

    /** A loopback port free now, for a service's config before the proxy starts on it. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Holds every byte for {@code stall}, on connections open now and opened meanwhile. */
    public void pause(Duration stall) {
        pausedUntilNanos = System.nanoTime() + stall.toNanos();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(target);
                daemon("proxy-up", () -> pump(client, target));
                daemon("proxy-down", () -> pump(target, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                for (long wait; (wait = pausedUntilNanos - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // Either side went away: the other is closed with it below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
