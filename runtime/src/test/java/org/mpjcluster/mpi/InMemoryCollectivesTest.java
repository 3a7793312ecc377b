package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Op;
import mpi.User_function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.engine.coll.Thresholds;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * The collectives where the ranks of a communicator that all live in one JVM meet in memory, and
 * the last to arrive does the work (forced here at every size and rank count; on the tcp suite
 * the same calls pass messages, with the same outcomes). The meeting serves call after call,
 * keeps communicators with the same context apart, and ends every rank when the work or a rank fails.
 */
class InMemoryCollectivesTest {

    private static final int ROUNDS = 200;

    private Thresholds.Restorer forced;

    @BeforeEach
    void meetInMemory() {
        forced = Thresholds.use(Thresholds.IN_MEMORY_ALGORITHMS);
    }

    @AfterEach
    void restore() {
        forced.close();
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5, 8})
    void callAfterCallEveryRankGetsItsOwnCallsResult(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            List<String> wrong = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                if ((rank + round) % 7 == 0) {
                    Thread.sleep(0, 50_000);
                }
                long[] sum = new long[2];
                MPI.COMM_WORLD.Allreduce(new long[] {rank + round, 1}, 0, sum, 0, 2, MPI.LONG, MPI.SUM);
                int root = round % size;
                int[] word = {rank == root ? round * 10 : -1};
                MPI.COMM_WORLD.Bcast(word, 0, 1, MPI.INT, root);
                MPI.COMM_WORLD.Barrier();
                long expectedSum = (long) size * (size - 1) / 2 + (long) size * round;
                if (sum[0] != expectedSum || sum[1] != size || word[0] != round * 10) {
                    wrong.add("round " + round + ": sum " + sum[0] + "/" + sum[1] + " word " + word[0]);
                }
            }
            return wrong.isEmpty() ? "all " + ROUNDS + " rounds right" : String.join("; ", wrong);
        });

        assertEquals(Jobs.expected(size, rank -> "all " + ROUNDS + " rounds right"), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {4, 6, 9})
    void disjointCommunicatorsMeetApartEvenWithTheSameContext(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm half = MPI.COMM_WORLD.Split(rank % 2, rank);
            int[] sum = new int[1];
            for (int round = 0; round < ROUNDS / 10; round++) {
                half.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            }
            int[] rootsRank = {half.Rank() == 0 ? rank : -1};
            half.Bcast(rootsRank, 0, 1, MPI.INT, 0);
            return "sum " + sum[0] + " root " + rootsRank[0];
        });

        assertEquals(Jobs.expected(size, rank -> "sum " + sumOfRanksWithParity(size, rank % 2) + " root " + rank % 2),
            seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {3, 5})
    void aNonCommutativeReductionIsCombinedInRankOrderWhateverOrderTheRanksArriveIn(int size) throws Exception {
        Op concatenate = new Op(new User_function() {
            @Override
            public void Call(Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type) {
                long[] lower = (long[]) in;
                long[] higher = (long[]) inout;
                for (int i = 0; i < count; i++) {
                    long shift = 1;
                    for (long rest = higher[inoutOffset + i]; rest > 0; rest /= 10) {
                        shift *= 10;
                    }
                    higher[inoutOffset + i] += lower[inOffset + i] * shift;
                }
            }
        }, false);
        List<Long> seen = Jobs.onRanks(size, () -> {
            Thread.sleep((size - Peers.rank()) * 3L);
            long[] digits = new long[1];
            MPI.COMM_WORLD.Allreduce(new long[] {Peers.rank() + 1}, 0, digits, 0, 1, MPI.LONG, concatenate);
            return digits[0];
        });

        long expected = size == 3 ? 123L : 12345L;
        assertEquals(Jobs.expected(size, rank -> expected), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {3, 5})
    void aFailingUserOperationEndsEveryRank(int size) throws Exception {
        Op broken = new Op(new User_function() {
            @Override
            public void Call(Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type) {
                throw new IllegalStateException("this operation always fails");
            }
        }, true);
        JobResult<Object> result = Jobs.run(size, () -> {
            MPI.COMM_WORLD.Allreduce(new int[] {1}, 0, new int[1], 0, 1, MPI.INT, broken);
            return "returned";
        });

        assertFalse(result.succeeded());
        assertTrue(result.failureMessage().orElse("").contains("this operation always fails"),
            () -> result.failureMessage().orElse("(no message)"));
        assertEquals(List.of(), endedLike(result, RankOutcome.Ending.SUCCEEDED, RankOutcome.Ending.HUNG));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {3, 8})
    void aRankThatFailsBeforeArrivingEndsTheRanksWaitingForIt(int size) throws Exception {
        JobResult<Object> result = Jobs.run(size, () -> {
            if (Peers.rank() == size - 1) {
                Thread.sleep(100);
                throw new IllegalStateException("rank " + Peers.rank() + " fails before the barrier");
            }
            MPI.COMM_WORLD.Barrier();
            return "passed the barrier";
        });

        assertFalse(result.succeeded());
        assertEquals(size - 1, result.failedRank().orElse(-1));
        assertEquals(List.of(), endedLike(result, RankOutcome.Ending.SUCCEEDED, RankOutcome.Ending.HUNG));
    }

    private static int sumOfRanksWithParity(int size, int parity) {
        int sum = 0;
        for (int rank = parity; rank < size; rank += 2) {
            sum += rank;
        }
        return sum;
    }

    private static List<Integer> endedLike(JobResult<?> result, RankOutcome.Ending... endings) {
        List<RankOutcome.Ending> unwanted = List.of(endings);
        return result.outcomes().stream().filter(outcome -> unwanted.contains(outcome.ending()))
            .map(RankOutcome::rank).toList();
    }
}
