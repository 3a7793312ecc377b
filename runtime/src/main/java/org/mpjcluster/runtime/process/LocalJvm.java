package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** A worker JVM that is a process of this host, its output read line by line. */
final class LocalJvm implements WorkerJvm {

    private final Process process;
    private final List<Thread> forwarders;

    private LocalJvm(Process process, List<Thread> forwarders) {
        this.process = process;
        this.forwarders = forwarders;
    }

    /**
     * Starts {@code command} with {@code environment} added to this JVM's, its standard input as
     * {@code input} says, its standard output and error handed a whole line at a time to
     * {@code out} and {@code err}, and {@code onExit} told the exit status when it ends.
     */
    static LocalJvm start(List<String> command, Map<String, String> environment, Path directory, WorkerInput input,
                          Consumer<byte[]> out, Consumer<byte[]> err, String name, IntConsumer onExit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (input == WorkerInput.INHERITED) {
            builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        Process started = builder.start();
        if (input == WorkerInput.NONE) {
            started.getOutputStream().close();
        }
        List<Thread> forwarders = List.of(
            OutputForwarder.start(started.getInputStream(), out, name + "-stdout"),
            OutputForwarder.start(started.getErrorStream(), err, name + "-stderr"));
        started.onExit().thenAccept(ended -> onExit.accept(ended.exitValue()));
        return new LocalJvm(started, forwarders);
    }

    /** The JVM's standard input, for a JVM started with {@link WorkerInput#PIPED}. */
    OutputStream input() {
        return process.getOutputStream();
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    @Override
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    @Override
    public void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public String where() {
        return "pid " + process.pid();
    }

    @Override
    public void awaitOutput(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread forwarder : forwarders) {
            forwarder.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    @Override
    public boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }
}
