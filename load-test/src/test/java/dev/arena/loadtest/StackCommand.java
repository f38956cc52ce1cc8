package dev.arena.loadtest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's {@code ./stack} with extra environment, bounded in time, output through a file (never a pipe that fills). */
final class StackCommand {

    /** The repository root: this module's parent folder. */
    static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent();

    private StackCommand() {}

    /** What {@code ./stack} printed and how it exited. */
    record Result(int exitCode, String output) {}

    static Result run(Map<String, String> env, Duration timeout, String command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("arena-stack", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(REPO.resolve("stack").toString(), command)
                    .directory(REPO.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("./stack " + command + " did not finish within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
