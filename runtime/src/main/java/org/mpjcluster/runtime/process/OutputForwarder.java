package org.mpjcluster.runtime.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Copies what a worker JVM prints to {@code mpjrun}'s own output a whole line at a time, so that
 * lines of workers printing at once never mix.
 */
final class OutputForwarder implements Runnable {

    private static final int CHUNK_BYTES = 8192;

    private final InputStream from;
    private final PrintStream to;

    private OutputForwarder(InputStream from, PrintStream to) {
        this.from = from;
        this.to = to;
    }

    /** Starts forwarding {@code from} to {@code to} on a thread of its own, which it returns. */
    static Thread start(InputStream from, PrintStream to, String name) {
        Thread thread = new Thread(new OutputForwarder(from, to), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[CHUNK_BYTES];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (from) {
            int read;
            while ((read = from.read(chunk)) >= 0) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, start, i + 1 - start);
                        emit(line);
                        start = i + 1;
                    }
                }
                line.write(chunk, start, read - start);
            }
        } catch (IOException e) {
            // The worker's end of the pipe is gone; what it printed before is forwarded below.
        }
        if (line.size() > 0) {
            line.write('\n');
            emit(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        to.write(line.toByteArray(), 0, line.size());
        to.flush();
        line.reset();
    }
}
