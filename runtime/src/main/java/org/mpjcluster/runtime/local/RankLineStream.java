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
 * Standard output or error shared by the ranks of one JVM that collects each rank's line until
 * its newline and writes it whole, so ranks printing at once never mix parts of their lines; and,
 * if asked, prefixes every line with {@code [rank] }. The rank is the one the printing thread is
 * bound to ({@link RankBinding}, which threads a rank starts inherit); lines printed outside any
 * rank are never tagged.
 */
public final class RankLineStream extends OutputStream {

    /** The key of lines printed by threads bound to no rank. */
    private static final int NO_RANK = -1;

    private final PrintStream target;
    private final boolean tagged;
    /** What follows the rank in a tag, such as {@code @10.0.0.2:2552}; empty for none. */
    private final String tagSuffix;
    /** Each rank's line so far, without its newline. */
    private final Map<Integer, ByteArrayOutputStream> lines = new HashMap<>();

    private RankLineStream(PrintStream target, boolean tagged, String tagSuffix) {
        this.target = target;
        this.tagged = tagged;
        this.tagSuffix = tagSuffix;
    }

    /**
     * A print stream that writes the lines of each rank to {@code target} whole, prefixed with
     * the rank if {@code tagged}.
     */
    public static PrintStream around(PrintStream target, boolean tagged) {
        return around(target, tagged, "");
    }

    /**
     * As {@link #around(PrintStream, boolean)}, with the tag naming where the rank runs as well:
     * {@code [3@10.0.0.2:2552] } for a {@code host} of {@code 10.0.0.2:2552}; an empty host adds nothing.
     */
    public static PrintStream around(PrintStream target, boolean tagged, String host) {
        String suffix = host.isEmpty() ? "" : "@" + host;
        return new PrintStream(new RankLineStream(target, tagged, suffix), true, StandardCharsets.UTF_8);
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
        String tag = !tagged || rank == NO_RANK ? "" : "[" + rank + tagSuffix + "] ";
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
