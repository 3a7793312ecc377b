package org.mpjcluster.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.RankBinding;

/**
 * Standard input shared by the ranks of one JVM, handed out as {@code mpirun} does: rank 0 reads
 * the JVM's standard input, every other rank reads end-of-file at once. The rank is the one the
 * reading thread is bound to ({@link RankBinding}); a thread bound to no rank reads the JVM's input.
 */
public final class RankInputStream extends InputStream {

    private static final int RANK_ZERO = 0;

    private final InputStream input;
    private final Runnable onFirstRead;
    private final AtomicBoolean read = new AtomicBoolean();

    private RankInputStream(InputStream input, Runnable onFirstRead) {
        this.input = input;
        this.onFirstRead = onFirstRead;
    }

    /** Standard input for the ranks of this JVM: {@code input} for rank 0, end-of-file for the others. */
    public static InputStream around(InputStream input) {
        return around(input, () -> { });
    }

    /**
     * As {@link #around(InputStream)}, calling {@code onFirstRead} once, in rank 0's thread, before
     * rank 0's first read: a worker JVM asks for its input then, so that nobody reads the user's
     * terminal for a program that never reads it.
     */
    public static InputStream around(InputStream input, Runnable onFirstRead) {
        return new RankInputStream(Objects.requireNonNull(input, "input"),
            Objects.requireNonNull(onFirstRead, "onFirstRead"));
    }

    @Override
    public int read() throws IOException {
        return reading() ? input.read() : -1;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (!reading()) {
            return length == 0 ? 0 : -1;
        }
        return input.read(bytes, offset, length);
    }

    @Override
    public long skip(long count) throws IOException {
        return reading() ? input.skip(count) : 0;
    }

    @Override
    public int available() throws IOException {
        return reading() ? input.available() : 0;
    }

    /** Closes the JVM's input if rank 0 (or no rank) closes it; another rank's input is at its end anyway. */
    @Override
    public void close() throws IOException {
        if (readsInput()) {
            input.close();
        }
    }

    /** {@link #readsInput()}, telling {@code onFirstRead} the first time rank 0 reads. */
    private boolean reading() {
        MpiProcess process = RankBinding.current();
        if (process == null) {
            return true;
        }
        if (process.engine().endpoint() != RANK_ZERO) {
            return false;
        }
        if (!read.getAndSet(true)) {
            onFirstRead.run();
        }
        return true;
    }

    /** Whether the calling thread reads the JVM's input: rank 0's threads, and threads of no rank. */
    private static boolean readsInput() {
        MpiProcess process = RankBinding.current();
        return process == null || process.engine().endpoint() == RANK_ZERO;
    }
}
