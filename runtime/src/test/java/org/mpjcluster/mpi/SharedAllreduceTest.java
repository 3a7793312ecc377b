package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import mpi.MPI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.engine.coll.Thresholds;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * Allreduce shared out by ranks that all live in one JVM (forced here at every rank count): each
 * rank reads the others' data where it lies, from copies for small data and from their own buffers
 * for large data. Call after call, with ranks arriving in any order, every rank gets its own
 * call's result, and no rank returns while another still reads its buffers.
 */
class SharedAllreduceTest {

    private static final int ROUNDS = 300;
    private static final int LARGE = 20_000;

    private Thresholds.Restorer forced;

    @BeforeEach
    void shareOut() {
        forced = Thresholds.use(Thresholds.CROSSING_ALGORITHMS);
    }

    @AfterEach
    void restore() {
        forced.close();
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5})
    void callAfterCallEveryRankGetsItsOwnCallsResult(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            List<String> wrong = new ArrayList<>();
            long[] send = new long[LARGE];
            long[] sum = new long[LARGE];
            for (int round = 0; round < ROUNDS; round++) {
                if ((rank + round) % 7 == 0) {
                    Thread.sleep(0, 50_000);
                }
                int count = round % 3 == 0 ? LARGE : 2;
                for (int i = 0; i < count; i++) {
                    send[i] = (long) (rank + round) * (i + 1);
                }
                MPI.COMM_WORLD.Allreduce(send, 0, sum, 0, count, MPI.LONG, MPI.SUM);
                // The next call's data is written at once: a rank still reading this call's would see it.
                long ranks = (long) size * (size - 1) / 2 + (long) size * round;
                for (int i = 0; i < count; i++) {
                    if (sum[i] != ranks * (i + 1)) {
                        wrong.add("round " + round + " item " + i + ": " + sum[i]);
                        break;
                    }
                }
            }
            return wrong.isEmpty() ? "all " + ROUNDS + " rounds right" : String.join("; ", wrong);
        });

        assertEquals(Jobs.expected(size, rank -> "all " + ROUNDS + " rounds right"), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void ranksThatDisagreeOnTheCountFailTogether(int size) throws Exception {
        assumeTrue("shm".equals(System.getProperty(Jobs.TRANSPORT_PROPERTY, "shm")),
            "ranks share out an Allreduce only when they all share memory; messages fail only where they do not fit");
        JobResult<Object> result = Jobs.run(size, () -> {
            int count = Peers.rank() == 0 ? LARGE : LARGE - 1;
            MPI.COMM_WORLD.Allreduce(new int[LARGE], 0, new int[LARGE], 0, count, MPI.INT, MPI.SUM);
            return "returned";
        });

        assertFalse(result.succeeded());
        assertEquals(List.of(), result.outcomes().stream()
            .filter(outcome -> outcome.ending() == RankOutcome.Ending.SUCCEEDED
                || outcome.ending() == RankOutcome.Ending.HUNG)
            .map(RankOutcome::rank).toList());
    }
}
