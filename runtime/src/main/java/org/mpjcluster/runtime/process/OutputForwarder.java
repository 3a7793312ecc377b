package org.mpjcluster.runtime.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads what a worker JVM prints and hands it on a whole line at a time, so that lines of
 * workers printing at once never mix.
 */
final class OutputForwarder implements Runnable {

    private static final int CHUNK_BYTES = 8192;

    private final InputStream from;
    private final Consumer<byte[]> lines;

    private OutputForwarder(InputStream from, Consumer<byte[]> lines) {
        this.from = from;
        this.lines = lines;
    }

    /**
     * Starts reading {@code from} on a thread of its own, which it returns, handing each line
     * (with its newline; one is added to an unterminated last line) to {@code lines}.
     */
    static Thread start(InputStream from, Consumer<byte[]> lines, String name) {
        Thread thread = new Thread(new OutputForwarder(from, lines), name);
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
        lines.accept(line.toByteArray());
        line.reset();
    }
}
