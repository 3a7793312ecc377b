package org.mpjcluster.engine.coll;

/**
 * Where each collective switches from its algorithm for small data to its algorithm for large
 * data, in bytes of base elements ({@code MPI.OBJECT} data counts as 0 bytes: its size is not
 * known before it is serialized). Every rank must use the same thresholds, since they decide which
 * messages the ranks exchange; they are set once per JVM (every rank of a local job shares them).
 *
 * @param bcastBytes         Bcast of at least this many bytes on at least {@code bcastRanks}
 *                           ranks: scatter then ring allgather; below, a binomial tree
 * @param bcastRanks         see {@code bcastBytes}
 * @param gatherBytes        Gather and Scatter with blocks of at least this many bytes: every
 *                           block straight to or from the root; below, a binomial tree
 * @param allgatherBytes     Allgather(v) of at least this many bytes in all: ring; below, Bruck's
 *                           algorithm (dissemination in ceil(log2 p) steps)
 * @param alltoallBytes      Alltoall(v) with blocks of at least this many bytes: pairwise exchange
 *                           in p-1 steps; below, every message posted at once
 * @param reduceBytes        Reduce of at least this many bytes with a commutative operation:
 *                           reduce-scatter by recursive halving then gather to the root
 *                           (Rabenseifner); below, a binomial tree
 * @param allreduceBytes     Allreduce of at least this many bytes with a commutative operation:
 *                           reduce-scatter by recursive halving then allgather by recursive
 *                           doubling (Rabenseifner); below, recursive doubling
 * @param reduceScatterBytes Reduce_scatter of at least this many bytes in all with a commutative
 *                           operation: ring; below, recursive halving
 * @param inMemoryBytes      Barrier, and Bcast, Reduce and Allreduce of at most this many bytes,
 *                           on a communicator of more than {@code inMemoryRanks} ranks that all
 *                           live in this JVM: the ranks meet in memory and the last to arrive does
 *                           the call's work ({@link InMemory}); -1: never
 * @param inMemoryRanks      see {@code inMemoryBytes}
 * @param crossingBytes      Allreduce of at least this many bytes on a communicator whose ranks
 *                           all live in this JVM, where they do not meet: the ranks cross
 *                           ({@link SharedReducing}), and each reduces its share of the data
 *                           straight from every rank's buffers (up to {@code inMemoryBytes}, from
 *                           copies the ranks show); below, or -1, messages. By default only data
 *                           above {@code inMemoryBytes} crosses: on 2 ranks with a core each, one
 *                           double took 1.03 us crossing against 0.67 us in messages, while 8 MiB
 *                           took 2.55 against 4.12 times one copy of it
 */
public record Thresholds(int bcastBytes, int bcastRanks, int gatherBytes, int allgatherBytes,
                         int alltoallBytes, int reduceBytes, int allreduceBytes, int reduceScatterBytes,
                         int inMemoryBytes, int inMemoryRanks, int crossingBytes) {

    /**
     * In memory up to 4 KiB, when ranks outnumber cores: rounds of messages need their ranks
     * scheduled round after round, one meeting needs them once, and the last rank's copies are
     * small (Allreduce of one double on 16 ranks over 2 cores: 30 us instead of 133 us). With a
     * core for each rank, pairs of ranks exchange messages in parallel and win (on 2 ranks, 0.9 us
     * against 2.1 us).
     */
    private static final int IN_MEMORY_BYTES = 4 * 1024;

    /**
     * Measured with the shm device on 2 cores, forcing each algorithm in turn at 2 to 4 ranks:
     * a broadcast through a binomial tree beats scatter-allgather up to several MiB when ranks
     * outnumber cores (each rank then copies the data once instead of about twice), so the
     * latter waits for 8 ranks; Rabenseifner's reduce pays from about 512 KiB, its allreduce from
     * about 64 KiB; rings beat Bruck and recursive halving once the data is above the eager limit.
     * Blocks above the eager limit go straight to and from the root, and alltoall exchanges them
     * pairwise, so that no rank holds many of them at once.
     */
    public static final Thresholds DEFAULTS = new Thresholds(512 * 1024, 8, 16 * 1024, 16 * 1024,
        16 * 1024, 512 * 1024, 64 * 1024, 16 * 1024, IN_MEMORY_BYTES, Runtime.getRuntime().availableProcessors(),
        IN_MEMORY_BYTES + 1);
    /** Always the message-passing algorithm for small data (for tests). */
    public static final Thresholds SMALL_DATA_ALGORITHMS = new Thresholds(Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1);
    /** Always the algorithm for large data, at any size and on any number of ranks (for tests). */
    public static final Thresholds LARGE_DATA_ALGORITHMS = new Thresholds(0, 1, 0, 0, 0, 0, 0, 0, -1, Integer.MAX_VALUE,
        -1);
    /** The ranks meet in memory whenever they all live in this JVM, whatever the size; otherwise small-data algorithms (for tests). */
    public static final Thresholds IN_MEMORY_ALGORITHMS = new Thresholds(Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE, 1, -1);
    /**
     * Allreduce crosses whenever the ranks all live in this JVM, from copies up to 4 KiB and from
     * the ranks' own buffers above; the ranks never meet; otherwise small-data algorithms (for tests).
     */
    public static final Thresholds CROSSING_ALGORITHMS = new Thresholds(Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE, IN_MEMORY_BYTES, Integer.MAX_VALUE, 0);

    private static volatile Thresholds current = DEFAULTS;

    /** Restores the thresholds that were in force before {@link #use}. */
    public interface Restorer extends AutoCloseable {
        @Override
        void close();
    }

    /** The thresholds in force. */
    public static Thresholds current() {
        return current;
    }

    /**
     * Puts {@code thresholds} in force for this JVM until the returned restorer is closed. Only
     * between jobs: ranks that choose with different thresholds would not understand each other.
     */
    public static Restorer use(Thresholds thresholds) {
        Thresholds previous = current;
        current = thresholds;
        return () -> current = previous;
    }
}
