package org.mpjcluster.runtime.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses, before any rank is set up, a number of rank threads this JVM surely cannot hold, saying
 * which limit it exceeds and what to do: without it, such a job fills the heap for minutes and
 * ends in an {@code OutOfMemoryError}. What each rank surely costs:
 * <ul>
 *   <li>heap for tables with an entry per rank of the job, so that a job's ranks together need
 *       heap that grows with the square of its size;</li>
 *   <li>a thread;</li>
 *   <li>address space for that thread's stack ({@code mpj.launcher.rank-stack-size}), reserved
 *       up front though used only as deep as the rank's calls go.</li>
 * </ul>
 * Costs that depend on what the program does are not counted, so a count this accepts may still
 * be too many: the program's own data, and the shm device's rings, 64 KiB of direct memory for
 * each pair of ranks that exchange messages.
 */
final class RankCapacity {

    /** Heap a rank needs whatever the size of its job: engine, queues, devices (3 to 6 KiB measured). */
    private static final long HEAP_BYTES_PER_RANK = 4 * 1024;
    /**
     * Heap a rank needs for each rank of its job: the engine's last sequence number (8 bytes) and
     * gone-reason (4) per peer, the device table (4), the shm device's outlets (4), inbox channels
     * (4) and intakes (4), and the world group (4).
     */
    private static final long HEAP_BYTES_PER_PEER = 32;
    /** The JVM's own default thread stack on 64-bit Linux, for a rank stack size of 0. */
    private static final long DEFAULT_STACK_BYTES = 1024 * 1024;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private RankCapacity() {
    }

    /**
     * Checks that {@code hosted} ranks of a job of {@code worldSize}, each on a thread with a stack
     * of {@code stackBytes} (0: the JVM's default), fit within {@code limits}.
     *
     * @throws IllegalArgumentException saying which limits the ranks exceed, and what to do
     */
    static void require(int hosted, int worldSize, long stackBytes, ProcessLimits limits) {
        List<String> excess = new ArrayList<>();
        List<String> remedies = new ArrayList<>(List.of("run fewer ranks in each JVM (mpjrun --processes, or "
            + "--ranks-per-jvm K) or on a cluster (--cluster)"));
        long heapBytes = product(hosted, HEAP_BYTES_PER_RANK + HEAP_BYTES_PER_PEER * worldSize);
        if (heapBytes > limits.maxHeapBytes()) {
            excess.add("their tables alone take " + gib(heapBytes) + " of heap (" + HEAP_BYTES_PER_PEER
                + " bytes per rank for each of the job's " + worldSize + " ranks) and this JVM may use "
                + gib(limits.maxHeapBytes()));
            remedies.add("give the JVM more heap (-Xmx, through MPJ_JAVA_OPTS or --jvm-opt)");
        }
        if (hosted > limits.maxThreads()) {
            excess.add("their " + hosted + " threads exceed the " + limits.maxThreads() + " that "
                + limits.threadLimit() + " allows");
        }
        long stacksBytes = product(hosted, stackBytes > 0 ? stackBytes : DEFAULT_STACK_BYTES);
        if (stacksBytes > limits.maxAddressSpaceBytes()) {
            excess.add("their thread stacks take " + gib(stacksBytes) + " of address space and the process may "
                + "reserve " + gib(limits.maxAddressSpaceBytes()) + " (ulimit -v)");
            remedies.add("give them smaller stacks (mpj.launcher.rank-stack-size)");
        }
        if (!excess.isEmpty()) {
            throw new IllegalArgumentException("cannot run " + hosted + " ranks as threads of one JVM: "
                + String.join("; ", excess) + ". " + capitalized(String.join(", or ", remedies)));
        }
    }

    /** {@code count * bytes}, or {@code Long.MAX_VALUE} if that does not fit in a {@code long}. */
    private static long product(long count, long bytes) {
        try {
            return Math.multiplyExact(count, bytes);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }
}
