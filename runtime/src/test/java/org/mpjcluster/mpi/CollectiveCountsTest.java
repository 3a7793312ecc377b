package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import mpi.MPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.engine.EngineSettings;
import org.mpjcluster.engine.coll.CollectiveCounts;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankTask;

/**
 * The small-data collectives grow as log2 of the ranks, shown by counting rather than timing
 * (timing cannot show it on 2 cores): with the in-memory meeting off, each collective of one
 * double per rank runs once on p threads ranks while {@link CollectiveCounts} are taken, and the
 * rounds of messages on its critical path, and the messages and bytes any one rank sends, stay
 * within the bound of its algorithm, with {@code L = ceil(log2 p)} and {@code F = floor(log2 p)}:
 * <ul>
 *   <li>Barrier, dissemination: L rounds, L messages, no data;</li>
 *   <li>Bcast, binomial tree: L rounds, L messages (the root's);</li>
 *   <li>Reduce, binomial tree: L rounds, 1 message per rank;</li>
 *   <li>Allreduce and Reduce_scatter, recursive doubling and halving after folding p onto 2^F
 *       ranks: F rounds, plus 2 when p is not a power of two (hand the data over, hand the result
 *       back); F messages, plus 1;</li>
 *   <li>Gather and Scatter, binomial trees: L rounds; 1 message per rank up, L down;</li>
 *   <li>Allgather, Bruck: L rounds, L messages;</li>
 *   <li>Scan, recursive doubling: L rounds, L messages;</li>
 *   <li>Alltoall, every message at once: 1 round of p - 1 messages (linear by nature: each rank
 *       has a block for each other rank).</li>
 * </ul>
 * Bytes are those of the data a rank must pass on: a double per message for the calls that
 * combine, the blocks of a subtree for gathers and scatters, p - 1 blocks for Allgather.
 */
class CollectiveCountsTest {

    private static final int DOUBLE = Double.BYTES;
    private static final int LARGEST_OFF_SHM = 16;

    /**
     * A collective's bounds at p ranks.
     *
     * @param call     the call's name
     * @param rounds   most rounds on the critical path
     * @param messages most messages one rank sends
     * @param bytes    most bytes one rank sends
     */
    private record Bound(String call, IntUnaryOperator rounds, IntUnaryOperator messages, IntToLongFunction bytes) {
    }

    private static final List<Bound> BOUNDS = List.of(
        new Bound("Barrier", CollectiveCountsTest::ceilLog2, CollectiveCountsTest::ceilLog2, p -> 0),
        new Bound("Bcast", CollectiveCountsTest::ceilLog2, CollectiveCountsTest::ceilLog2,
            p -> (long) DOUBLE * ceilLog2(p)),
        new Bound("Reduce", CollectiveCountsTest::ceilLog2, p -> 1, p -> DOUBLE),
        new Bound("Allreduce", CollectiveCountsTest::foldedRounds, CollectiveCountsTest::foldedMessages,
            p -> (long) DOUBLE * foldedMessages(p)),
        new Bound("Gather", CollectiveCountsTest::ceilLog2, p -> 1, p -> (long) DOUBLE * (p / 2)),
        new Bound("Scatter", CollectiveCountsTest::ceilLog2, CollectiveCountsTest::ceilLog2,
            p -> (long) DOUBLE * (p - 1)),
        new Bound("Allgather", CollectiveCountsTest::ceilLog2, CollectiveCountsTest::ceilLog2,
            p -> (long) DOUBLE * (p - 1)),
        new Bound("Reduce_scatter", CollectiveCountsTest::foldedRounds, CollectiveCountsTest::foldedMessages,
            p -> (long) DOUBLE * p),
        new Bound("Scan", CollectiveCountsTest::ceilLog2, CollectiveCountsTest::ceilLog2,
            p -> (long) DOUBLE * ceilLog2(p)),
        new Bound("Alltoall", p -> 1, p -> p - 1, p -> (long) DOUBLE * (p - 1)));

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 7, 8, 16, 33, 64})
    void smallCollectivesTakeLogarithmicRoundsAndMessages(int size) throws Exception {
        assumeTrue(size <= LARGEST_OFF_SHM || sharedMemory(), "counts do not depend on the transport; "
            + "jobs of more than " + LARGEST_OFF_SHM + " ranks run on shm only, to keep the suite short");
        CollectiveCounts counts;
        try (CollectiveCounts taken = CollectiveCounts.start()) {
            counts = taken;
            runWithoutMeetings(size, CollectiveCountsTest::everyCollectiveOnce);
        }

        assertEquals(0, counts.messagesInFlight(), "every message counted leaving was counted arriving");
        List<String> beyond = new ArrayList<>();
        for (Bound bound : BOUNDS) {
            CollectiveCounts.Summary summary = counts.summary(bound.call());
            assertNotNull(summary, bound.call() + " was not counted");
            assertEquals(List.of(size, 1), List.of(summary.ranks(), summary.calls()), bound.call());
            assertTrue(summary.rounds() >= 1 && summary.messagesPerRankMax() >= 1, bound.call() + " sent nothing");
            if (summary.rounds() > bound.rounds().applyAsInt(size)
                || summary.messagesPerRankMax() > bound.messages().applyAsInt(size)
                || summary.bytesPerRankMax() > bound.bytes().applyAsLong(size)) {
                beyond.add(bound.call() + " " + summary + " beyond rounds " + bound.rounds().applyAsInt(size)
                    + ", messages " + bound.messages().applyAsInt(size) + ", bytes " + bound.bytes().applyAsLong(size));
            }
        }
        assertEquals(List.of(), beyond);
    }

    /**
     * With the meeting allowed, small calls on more ranks than cores that share memory send no
     * messages, so nothing is counted; the setting turns the meeting off.
     */
    @Test
    void countsOnlyTheCallsThatPassMessages() throws Exception {
        assumeTrue(sharedMemory(), "ranks meet in memory only when they all share memory");
        int size = Runtime.getRuntime().availableProcessors() + 2;
        CollectiveCounts counts;
        try (CollectiveCounts taken = CollectiveCounts.start()) {
            counts = taken;
            check(size, Jobs.job(size).timeout(Jobs.TIMEOUT).run(CollectiveCountsTest::barrierAndAllreduce));
        }
        assertNull(counts.summary("Allreduce"));
        assertNull(counts.summary("Barrier"));

        try (CollectiveCounts taken = CollectiveCounts.start()) {
            counts = taken;
            runWithoutMeetings(size, CollectiveCountsTest::barrierAndAllreduce);
        }
        assertNotNull(counts.summary("Allreduce"));
        assertNotNull(counts.summary("Barrier"));
    }

    /**
     * Ranks that share memory and have a core each share out a large Allreduce: each reads the
     * others' data where it lies, every rank gets the sum, and no message is sent.
     */
    @Test
    void largeAllreduceOfRanksWithACoreEachSendsNoMessages() throws Exception {
        assumeTrue(sharedMemory(), "ranks share out an Allreduce only when they all share memory");
        int size = Math.min(2, Runtime.getRuntime().availableProcessors());
        CollectiveCounts counts;
        try (CollectiveCounts taken = CollectiveCounts.start()) {
            counts = taken;
            check(size, Jobs.job(size).timeout(Jobs.TIMEOUT).run(() -> {
                double[] large = new double[1 << 16];
                Arrays.fill(large, MPI.COMM_WORLD.Rank() + 1);
                MPI.COMM_WORLD.Allreduce(large.clone(), 0, large, 0, large.length, MPI.DOUBLE, MPI.SUM);
                double expected = size * (size + 1) / 2.0;
                if (Arrays.stream(large).anyMatch(value -> value != expected)) {
                    throw new AssertionError("rank " + MPI.COMM_WORLD.Rank() + " got a wrong sum");
                }
                return expected;
            }));
        }
        assertNull(counts.summary("Allreduce"));
    }

    private static void runWithoutMeetings(int size, RankTask<Object> task) throws InterruptedException {
        check(size, Jobs.job(size).settings(EngineSettings.DEFAULTS.withInMemoryCollectives(false))
            .timeout(Jobs.TIMEOUT).run(task));
    }

    private static void check(int size, JobResult<Object> result) {
        assertTrue(result.succeeded(), "job of " + size + " ranks: " + result.failureMessage().orElse(""));
    }

    private static Object barrierAndAllreduce() {
        MPI.COMM_WORLD.Barrier();
        double[] sum = new double[1];
        MPI.COMM_WORLD.Allreduce(new double[] {1}, 0, sum, 0, 1, MPI.DOUBLE, MPI.SUM);
        return sum[0];
    }

    private static Object everyCollectiveOnce() {
        int size = MPI.COMM_WORLD.Size();
        double[] one = {MPI.COMM_WORLD.Rank()};
        double[] result = new double[1];
        double[] perRank = new double[size];
        MPI.COMM_WORLD.Barrier();
        MPI.COMM_WORLD.Bcast(one, 0, 1, MPI.DOUBLE, 0);
        MPI.COMM_WORLD.Reduce(one, 0, result, 0, 1, MPI.DOUBLE, MPI.SUM, 0);
        MPI.COMM_WORLD.Allreduce(one, 0, result, 0, 1, MPI.DOUBLE, MPI.SUM);
        MPI.COMM_WORLD.Gather(one, 0, 1, MPI.DOUBLE, perRank, 0, 1, MPI.DOUBLE, 0);
        MPI.COMM_WORLD.Scatter(perRank, 0, 1, MPI.DOUBLE, result, 0, 1, MPI.DOUBLE, 0);
        MPI.COMM_WORLD.Allgather(one, 0, 1, MPI.DOUBLE, perRank, 0, 1, MPI.DOUBLE);
        int[] ones = new int[size];
        Arrays.fill(ones, 1);
        MPI.COMM_WORLD.Reduce_scatter(perRank, 0, result, 0, ones, MPI.DOUBLE, MPI.SUM);
        MPI.COMM_WORLD.Scan(one, 0, result, 0, 1, MPI.DOUBLE, MPI.SUM);
        MPI.COMM_WORLD.Alltoall(perRank, 0, 1, MPI.DOUBLE, new double[size], 0, 1, MPI.DOUBLE);
        return result[0];
    }

    private static boolean sharedMemory() {
        return "shm".equals(System.getProperty(Jobs.TRANSPORT_PROPERTY, "shm"));
    }

    private static int ceilLog2(int p) {
        return 32 - Integer.numberOfLeadingZeros(p - 1);
    }

    private static int floorLog2(int p) {
        return 31 - Integer.numberOfLeadingZeros(p);
    }

    private static boolean powerOfTwo(int p) {
        return Integer.bitCount(p) == 1;
    }

    /** Recursive doubling or halving on 2^F ranks, plus handing the data over and back when p is not a power of two. */
    private static int foldedRounds(int p) {
        return floorLog2(p) + (powerOfTwo(p) ? 0 : 2);
    }

    private static int foldedMessages(int p) {
        return floorLog2(p) + (powerOfTwo(p) ? 0 : 1);
    }
}
