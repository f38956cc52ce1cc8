package dev.arena.systemtests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its packaged fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar})
 * as a child process, configured only by environment variables, optionally pinned to CPUs with
 * {@code taskset}; its output goes to a log file. {@link #stop()} always ends it: SIGTERM, then
 * SIGKILL after a bounded wait.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The packaged jar of a service module of this repository. */
    public static Path jar(Path repo, String module) {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first "
                    + "(./mvnw -B package -DskipTests -pl lobby-service,matchmaker-service -am)");
        }
        return jar;
    }

    /** Whether {@code taskset} is on this machine (pinning is skipped, and said so, without it). */
    public static Optional<Path> taskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "taskset");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.of(Path.of("/usr/bin/taskset")).filter(Files::isExecutable);
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar} with the parent's environment plus {@code env}
     * ({@code {service}} in a JVM argument becomes {@code name}, e.g. for a JFR file per service);
     * {@code cpus} (e.g. "0") pins it with taskset when given and available.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, List<String> jvmArgs,
            String cpus, Path logDir) {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            taskset().ifPresent(taskset -> command.addAll(List.of(taskset.toString(), "-c", cpus)));
        }
        command.add(javaBinary());
        jvmArgs.forEach(arg -> command.add(arg.replace("{service}", name)));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Has the service run a full garbage collection now ({@code jcmd <pid> GC.run}) and waits for
     * it, so that a measurement that follows does not pay for garbage left by what came before.
     */
    public void collectGarbage() {
        jcmd("GC.run");
    }

    /**
     * Whether C2 code (tier 4, in use) of a method whose name starts with {@code methodPrefix}
     * ({@code package.Class.method(} for one method) is in the service's code cache now, from
     * {@code jcmd <pid> Compiler.codelist}, whose lines read "id level state method(signature)
     * [addresses]" with state 0 for code in use.
     */
    public boolean compiledByC2(String methodPrefix) {
        return jcmd("Compiler.codelist").lines().anyMatch(line -> {
            String[] fields = line.split(" ", 4);
            return fields.length == 4 && fields[1].equals("4") && fields[2].equals("0") && fields[3].startsWith(methodPrefix);
        });
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed for " + name + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while jcmd " + command + " ran for " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if it exits or times out. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
                last = ready.statusCode() + " " + ready.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready on port " + port + " after " + timeout + " (last: " + last + "):\n" + tail());
    }

    /** SIGTERM, then SIGKILL after a bounded wait; never throws. */
    public void stop() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once ({@code kill -9}: no shutdown hook runs), then waits until the process is gone. */
    public void kill() {
        try {
            process.destroyForcibly();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill}, and waits for the command. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " of " + this.name + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
