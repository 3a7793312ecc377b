package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Collectives run on a context of their own: they neither take nor disturb point-to-point messages,
 * even a wildcard receive posted before them. A barrier lets no rank through before all arrive.
 */
class CollectiveIsolationTest {

    private static final int TAG = 4;
    private static final int ROUNDS = 5;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void collectivesLeaveAWildcardReceiveAndAPendingMessageToPointToPoint(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int[] early = {-1};
            MPI.COMM_WORLD.Send(new int[] {100 + rank}, 0, 1, MPI.INT, Peers.right(1), TAG);
            Request wildcard = MPI.COMM_WORLD.Irecv(early, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
            int[] root = {rank == 0 ? 42 : 0};
            MPI.COMM_WORLD.Bcast(root, 0, 1, MPI.INT, 0);
            int[] sum = new int[1];
            MPI.COMM_WORLD.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            MPI.COMM_WORLD.Barrier();
            Status status = wildcard.Wait();
            return "bcast " + root[0] + " sum " + sum[0] + " point-to-point " + early[0] + " from " + status.source;
        });

        assertEquals(Jobs.expected(size, rank -> "bcast 42 sum " + size * (size - 1) / 2 + " point-to-point "
            + (100 + Peers.leftOf(rank, 1, size)) + " from " + Peers.leftOf(rank, 1, size)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void noRankLeavesABarrierBeforeEveryRankHasEnteredIt(int size) throws Exception {
        AtomicInteger entered = new AtomicInteger();
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            List<Integer> shortfalls = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Thread.sleep((Peers.rank() * 7L + round * 3L) % 5);
                entered.incrementAndGet();
                MPI.COMM_WORLD.Barrier();
                shortfalls.add(Math.max(0, round * size - entered.get()));
            }
            return shortfalls;
        });

        assertEquals(Jobs.expected(size, rank -> Collections.nCopies(ROUNDS, 0)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3})
    void collectivesOnCommSelfInvolveOnlyTheCallingRank(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int[] sum = new int[1];
            MPI.COMM_SELF.Allreduce(new int[] {Peers.rank() + 5}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            Object[] gathered = new Object[1];
            MPI.COMM_SELF.Gather(new Object[] {"rank " + Peers.rank()}, 0, 1, MPI.OBJECT, gathered, 0, 1, MPI.OBJECT, 0);
            MPI.COMM_SELF.Barrier();
            return sum[0] + " " + gathered[0];
        });

        assertEquals(Jobs.expected(size, rank -> (rank + 5) + " rank " + rank), seen);
    }
}
