package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Synchronous-mode sends complete only once the receiver has posted a matching receive. */
class SynchronousSendTest {

    private static final int DATA = 1;
    private static final int GO = 2;
    private static final int[] NOTHING = new int[0];
    private static final int PENDING_CHECKS = 20;
    private static final long RECEIVER_DELAY_MILLIS = 20;

    static Stream<Arguments> messageSizesAndRankCounts() {
        return Cases.cross(MessageSize.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void issendIsNotCompleteUntilTheReceiverPostsAMatchingReceive(MessageSize length, int size) throws Exception {
        List<List<Boolean>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Issend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            boolean pendingBeforeMatch = staysPending(send);
            MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, Peers.right(1), GO);
            MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, Peers.left(1), GO);
            int[] incoming = new int[length.ints()];
            MPI.COMM_WORLD.Recv(incoming, 0, incoming.length, MPI.INT, Peers.left(1), DATA);
            send.Wait();
            return List.of(pendingBeforeMatch, Arrays.equals(incoming, length.pattern(Peers.left(1))), send.Is_null());
        });

        assertEquals(Jobs.expected(size, rank -> List.of(true, true, true)), seen);
    }

    /** The receivers flag, just before posting their receive, that they are about to; rank 0 reads the flag. */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 8})
    void ssendReturnsOnlyAfterTheReceiverHasPostedItsReceive(int size) throws Exception {
        AtomicIntegerArray receivePosted = new AtomicIntegerArray(size);
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            if (rank == 0) {
                Integer[] postedWhenSsendReturned = new Integer[size - 1];
                for (int dest = 1; dest < size; dest++) {
                    MPI.COMM_WORLD.Ssend(new int[] {dest}, 0, 1, MPI.INT, dest, DATA);
                    postedWhenSsendReturned[dest - 1] = receivePosted.get(dest);
                }
                return List.of(postedWhenSsendReturned);
            }
            Thread.sleep(RECEIVER_DELAY_MILLIS);
            int[] value = new int[1];
            receivePosted.set(rank, 1);
            MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, 0, DATA);
            return List.of(value[0]);
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0
            ? IntStream.range(1, size).mapToObj(dest -> 1).toList() : List.of(rank)), seen);
    }

    /** Whether {@code request} stays incomplete over several Tests spread over some milliseconds. */
    private static boolean staysPending(Request request) throws InterruptedException {
        for (int check = 0; check < PENDING_CHECKS; check++) {
            if (request.Test() != null) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
