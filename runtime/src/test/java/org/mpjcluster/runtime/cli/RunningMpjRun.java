package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code mpjrun} started as a JVM of its own that a test acts on while it runs: waits for its
 * output, finds its worker JVMs, signals it. Output goes to files, as in {@link ProcessRun}.
 * Closing it kills whatever of it is still running.
 */
final class RunningMpjRun implements AutoCloseable {

    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final File out;
    private final File err;
    private final long startNanos = System.nanoTime();

    private RunningMpjRun(Process process, File out, File err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code mpjrun args...} in the current directory. */
    static RunningMpjRun start(String... args) throws IOException {
        File out = File.createTempFile("mpjrun", ".out");
        File err = File.createTempFile("mpjrun", ".err");
        Process process = new ProcessBuilder(MpjRunLauncher.mpjrunCommand(List.of(), args))
            .redirectOutput(out).redirectError(err).start();
        process.getOutputStream().close();
        return new RunningMpjRun(process, out, err);
    }

    /** The {@code mpjrun} process. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** The JVMs {@code mpjrun} started that are still alive. */
    List<ProcessHandle> workers() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Waits until standard output holds at least {@code count} lines; fails the test after {@code limit}. */
    void awaitStdoutLines(int count, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (read(out).lines().count() < count) {
            if (System.nanoTime() > deadline || !process.isAlive() && read(out).lines().count() < count) {
                fail("expected " + count + " lines of output within " + limit.toMillis() + " ms\n" + describe());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits for {@code mpjrun} to end, at most {@code limit}, and returns how it ended. */
    ProcessRun awaitEnd(Duration limit) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("mpjrun still runs after " + limit.toMillis() + " ms\n" + describe());
        }
        return new ProcessRun(process.exitValue(), read(out), read(err), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Waits until every one of {@code processes} has ended; returns false if some still run after {@code limit}. */
    static boolean allEnd(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private String describe() throws IOException {
        return "--- stdout\n" + read(out) + "--- stderr\n" + read(err);
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Files.deleteIfExists(out.toPath());
        Files.deleteIfExists(err.toPath());
    }
}
