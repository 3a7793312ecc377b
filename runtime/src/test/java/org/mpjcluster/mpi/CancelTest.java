package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Request.Cancel} withdraws a receive that has not matched, so the message goes to a later
 * receive; it has no effect on a receive that already matched or on a send.
 */
class CancelTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int UNTOUCHED = -7;

    static Stream<Arguments> messageSizesAndRankCounts() {
        return Cases.cross(MessageSize.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void cancelledReceiveIsMarkedCancelledAndTheMessageGoesToALaterReceive(MessageSize length, int size)
        throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int[] cancelledBuffer = new int[length.ints()];
            Arrays.fill(cancelledBuffer, UNTOUCHED);
            Request cancelled = MPI.COMM_WORLD.Irecv(cancelledBuffer, 0, length.ints(), MPI.INT, MPI.ANY_SOURCE, DATA);
            cancelled.Cancel();
            Status cancelledStatus = cancelled.Wait();
            Peers.readyHandshake(READY);
            Request send = MPI.COMM_WORLD.Isend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            int[] incoming = new int[length.ints()];
            Status received = MPI.COMM_WORLD.Recv(incoming, 0, length.ints(), MPI.INT, Peers.left(1), DATA);
            send.Wait();
            return List.of(cancelledStatus.Test_cancelled(), cancelled.Is_null(),
                Arrays.stream(cancelledBuffer).allMatch(value -> value == UNTOUCHED), received.Test_cancelled(),
                received.source, Arrays.equals(incoming, length.pattern(Peers.left(1))));
        });

        assertEquals(Jobs.expected(size, rank ->
            List.<Object>of(true, true, true, false, Peers.leftOf(rank, 1, size), true)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void cancelAfterTheReceiveMatchedLeavesTheMessageReceived(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            MPI.COMM_WORLD.Send(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), DATA);
            MPI.COMM_WORLD.Probe(Peers.left(1), DATA);
            int[] incoming = {UNTOUCHED};
            Request receive = MPI.COMM_WORLD.Irecv(incoming, 0, 1, MPI.INT, Peers.left(1), DATA);
            receive.Cancel();
            Status status = receive.Wait();
            return List.of(status.Test_cancelled(), status.source, incoming[0]);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            return List.<Object>of(false, left, left);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void cancelOfASendLetsItCompleteAndDeliver(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Isend(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), DATA);
            send.Cancel();
            Status sent = send.Wait();
            int[] incoming = {UNTOUCHED};
            MPI.COMM_WORLD.Recv(incoming, 0, 1, MPI.INT, Peers.left(1), DATA);
            return List.of(sent.Test_cancelled(), incoming[0]);
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(false, Peers.leftOf(rank, 1, size))), seen);
    }
}
