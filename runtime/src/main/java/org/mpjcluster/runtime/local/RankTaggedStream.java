package org.mpjcluster.runtime.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.RankBinding;

/**
 * Standard output or error shared by the ranks of one JVM that prefixes every line a rank prints
 * with {@code [rank] }. The rank is the one the printing thread is bound to ({@link RankBinding},
 * which threads a rank starts inherit); lines printed outside any rank pass unchanged. Each rank's
 * line is collected until its newline and written whole, so ranks printing at once never mix
 * parts of their lines.
 */
public final class RankTaggedStream extends OutputStream {

    /** The key of lines printed by threads bound to no rank. */
    private static final int NO_RANK = -1;

    private final PrintStream target;
    /** Each rank's line so far, without its newline. */
    private final Map<Integer, ByteArrayOutputStream> lines = new HashMap<>();

    private RankTaggedStream(PrintStream target) {
        this.target = target;
    }

    /** A print stream that writes the lines of each rank to {@code target}, tagged with the rank. */
    public static PrintStream around(PrintStream target) {
        return new PrintStream(new RankTaggedStream(target), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int rank = currentRank();
        ByteArrayOutputStream line = lines.computeIfAbsent(rank, r -> new ByteArrayOutputStream());
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit(rank, line);
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /**
     * Flushes the target only: a rank's unfinished line stays until its newline, since the print
     * stream flushes after every print and a tag in the middle of a line would split it.
     */
    @Override
    public void flush() {
        target.flush();
    }

    /** Writes out every unfinished line, ended with a newline, so that nothing a rank printed is lost. */
    @Override
    public synchronized void close() {
        lines.forEach((rank, line) -> {
            if (line.size() > 0) {
                emit(rank, line);
            }
        });
        target.flush();
    }

    private void emit(int rank, ByteArrayOutputStream line) {
        String tag = rank == NO_RANK ? "" : "[" + rank + "] ";
        ByteArrayOutputStream whole = new ByteArrayOutputStream(tag.length() + line.size() + 1);
        whole.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        whole.writeBytes(line.toByteArray());
        whole.write('\n');
        line.reset();
        target.write(whole.toByteArray(), 0, whole.size());
    }

    private static int currentRank() {
        MpiProcess process = RankBinding.current();
        return process == null ? NO_RANK : process.engine().endpoint();
    }
}
