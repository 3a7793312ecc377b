package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * Feeds a job's standard input, as its submitter sends it in chunks, to the worker JVM of rank 0
 * through the JVM's standard input pipe. The submitter may send only as many bytes as it was
 * granted: {@link #WINDOW_BYTES} once rank 0 starts reading, then as many more as have been
 * written to the pipe, so that at most a window of input waits here however slowly rank 0 reads.
 * A thread of its own writes the chunks in order; an empty chunk ends the input and closes the
 * pipe, so rank 0 reads end-of-file.
 */
final class InputFeed {

    /** Input the submitter may send ahead of what the worker has taken. */
    static final long WINDOW_BYTES = 1024 * 1024;

    private static final byte[] END = new byte[0];

    private final OutputStream pipe;
    private final LongConsumer grant;
    private final String name;
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private boolean opened;
    private boolean ended;
    /** Bytes the submitter may still send. */
    private long credit;

    /**
     * A feed into {@code pipe} that grants the submitter credit through {@code grant}, in bytes,
     * from a thread named {@code name}.
     */
    InputFeed(OutputStream pipe, LongConsumer grant, String name) {
        this.pipe = pipe;
        this.grant = grant;
        this.name = name;
    }

    /** Rank 0 began reading: grants the first window, once, and starts writing. */
    void open() {
        synchronized (this) {
            if (opened || ended) {
                return;
            }
            opened = true;
            credit = WINDOW_BYTES;
        }
        Thread writer = new Thread(this::write, name);
        writer.setDaemon(true);
        writer.start();
        grant.accept(WINDOW_BYTES);
    }

    /**
     * Takes the submitter's next chunk, an empty one for the end of the input. Returns false, and
     * drops the chunk, if it was not asked for: before rank 0 read, after the end, or beyond the credit.
     */
    synchronized boolean offer(byte[] chunk) {
        if (!opened || ended || chunk.length > credit) {
            return false;
        }
        credit -= chunk.length;
        ended = chunk.length == 0;
        chunks.add(chunk);
        return true;
    }

    /** The worker is gone: stops writing once what is queued has failed to go through. */
    void close() {
        synchronized (this) {
            ended = true;
        }
        chunks.add(END);
    }

    private void write() {
        long written = 0;
        try (pipe) {
            for (byte[] chunk = chunks.take(); chunk.length > 0; chunk = chunks.take()) {
                pipe.write(chunk);
                pipe.flush();
                written += chunk.length;
                if (written >= WINDOW_BYTES / 2) {
                    regrant(written);
                    written = 0;
                }
            }
        } catch (IOException e) {
            // The worker ended or closed its input: nobody reads the rest.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void regrant(long bytes) {
        synchronized (this) {
            if (ended) {
                return;
            }
            credit += bytes;
        }
        grant.accept(bytes);
    }
}
