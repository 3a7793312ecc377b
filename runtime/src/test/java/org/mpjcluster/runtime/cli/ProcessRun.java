package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a command run as a process of its own ended: its exit status, what it printed and how long
 * it took. Output goes to files rather than pipes, so a chatty process can never block on a full
 * pipe while the test waits for it.
 *
 * @param exitCode exit status
 * @param stdout   everything printed on standard output
 * @param stderr   everything printed on standard error
 * @param elapsed  time from start to exit
 */
record ProcessRun(int exitCode, String stdout, String stderr, Duration elapsed) {

    /** The longest any process may run before it is killed and its test fails, so that nothing hangs CI. */
    static final Duration HARD_LIMIT = Duration.ofSeconds(60);

    /** Runs {@code command} in {@code directory} and waits for it to end, at most {@link #HARD_LIMIT}. */
    static ProcessRun of(List<String> command, Path directory) throws IOException, InterruptedException {
        return run(command, directory, Redirect.PIPE, true);
    }

    /**
     * As {@link #of}, with standard input read from {@code input}: a file, or {@link Redirect#PIPE}
     * for a pipe that stays open, and empty, until the process has ended.
     */
    static ProcessRun withInput(List<String> command, Path directory, Redirect input)
        throws IOException, InterruptedException {
        return run(command, directory, input, false);
    }

    private static ProcessRun run(List<String> command, Path directory, Redirect input, boolean closeInput)
        throws IOException, InterruptedException {
        File out = File.createTempFile("process-run", ".out");
        File err = File.createTempFile("process-run", ".err");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(input).redirectOutput(out).redirectError(err).start();
            if (closeInput) {
                process.getOutputStream().close();
            }
            boolean ended = process.waitFor(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS);
            process.getOutputStream().close();
            if (!ended) {
                process.destroyForcibly().waitFor();
                fail("killed after " + HARD_LIMIT.toSeconds() + " s: " + command
                    + "\n--- stdout\n" + read(out) + "\n--- stderr\n" + read(err));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ProcessRun(process.exitValue(), read(out), read(err), elapsed);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    /** The lines of standard output. */
    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** Everything the process printed, for assertion messages. */
    String describe() {
        return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + stdout
            + "--- stderr\n" + stderr;
    }
}
