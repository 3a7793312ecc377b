package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code MPI.COMM_SELF} is a communicator of the calling rank alone: it delivers to itself at any
 * message size, and its messages never match receives or probes on {@code COMM_WORLD}.
 */
class CommSelfTest {

    private static final int TAG = 4;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void commSelfDeliversToItselfAndStaysApartFromCommWorld(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            MPI.COMM_SELF.Send(new int[] {rank}, 0, 1, MPI.INT, 0, TAG);
            boolean invisibleOnWorld = MPI.COMM_WORLD.Iprobe(rank, TAG) == null
                && MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) == null;
            Status probed = MPI.COMM_SELF.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
            int[] small = new int[1];
            MPI.COMM_SELF.Recv(small, 0, 1, MPI.INT, 0, TAG);

            int[] large = MessageSize.RENDEZVOUS.pattern(rank);
            Request send = MPI.COMM_SELF.Isend(large, 0, large.length, MPI.INT, 0, TAG);
            int[] incoming = new int[large.length];
            Status status = MPI.COMM_SELF.Recv(incoming, 0, incoming.length, MPI.INT, MPI.ANY_SOURCE, TAG);
            send.Wait();

            String outOfRange = Errors.classOf(() -> MPI.COMM_SELF.Send(small, 0, 1, MPI.INT, 1, TAG));
            return List.of(MPI.COMM_SELF.Rank(), MPI.COMM_SELF.Size(), invisibleOnWorld, probed.source,
                small[0], status.source, Arrays.equals(incoming, large), outOfRange);
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(0, 1, true, 0, rank, 0, true, "MPI_ERR_RANK")), seen);
    }
}
