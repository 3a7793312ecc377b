package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import mpi.MPI;
import mpi.MPIException;
import org.junit.jupiter.api.Test;

/** A message of more than 2 GiB - 1 bytes is refused with ERR_COUNT instead of wrapping its size around. */
class MessageSizeLimitTest {

    private static final int THREE_HUNDRED_MILLION = 300_000_000;

    @Test
    void pointToPointAndCollectiveCallsRefuseMessagesAboveTwoGibibytes() throws Exception {
        List<List<String>> seen = Jobs.onRanks(2, () -> List.of(
            refusal(() -> MPI.COMM_WORLD.Send(new double[1], 0, THREE_HUNDRED_MILLION, MPI.DOUBLE, 0, 0)),
            refusal(() -> MPI.COMM_WORLD.Irecv(new long[1], 0, THREE_HUNDRED_MILLION, MPI.LONG, 0, 0)),
            refusal(() -> MPI.COMM_WORLD.Allreduce(new double[1], 0, new double[1], 0, THREE_HUNDRED_MILLION,
                MPI.DOUBLE, MPI.SUM))));

        String expected = MPI.ERR_COUNT + " 2400000000 bytes";
        assertEquals(Jobs.expected(2, rank -> List.of(expected, expected, expected)), seen);
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (MPIException e) {
            return e.getErrorClass() + (e.getMessage().contains("makes 2400000000 bytes") ? " 2400000000 bytes"
                : " " + e.getMessage());
        }
    }
}
