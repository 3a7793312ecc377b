package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Probe} and {@code Iprobe} report a waiting message's envelope and size without receiving it. */
class ProbeTest {

    private static final int TAG_BASE = 40;
    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int UNUSED_TAG = 999;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void probeReportsSourceTagAndCountSoTheReceiverCanSizeItsBuffer(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int[] outgoing = MessageSize.pattern(rank, lengthSentBy(rank));
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.INT, Peers.right(1), TAG_BASE + rank);

            Status probed = MPI.COMM_WORLD.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
            Status again = MPI.COMM_WORLD.Probe(probed.source, probed.tag);
            int count = probed.Get_count(MPI.INT);
            int[] incoming = new int[count];
            Status received = MPI.COMM_WORLD.Recv(incoming, 0, count, MPI.INT, probed.source, probed.tag);
            boolean drained = MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) == null;
            return List.of(probed.source, probed.tag, count, again.source == probed.source && again.tag == probed.tag,
                received.source, List.of(incoming[0], incoming[count - 1]), drained);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            int[] sent = MessageSize.pattern(left, lengthSentBy(left));
            return List.<Object>of(left, TAG_BASE + left, sent.length, true,
                left, List.of(sent[0], sent[sent.length - 1]), true);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void iprobeReturnsNullUntilAMatchingMessageHasArrived(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int left = Peers.left(1);
            boolean emptyBefore = MPI.COMM_WORLD.Iprobe(left, DATA) == null
                && MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, DATA) == null;
            Peers.readyHandshake(READY);
            MPI.COMM_WORLD.Send(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), DATA);
            Status found = MPI.COMM_WORLD.Iprobe(left, DATA);
            while (found == null) {
                found = MPI.COMM_WORLD.Iprobe(left, DATA);
            }
            boolean otherTagEmpty = MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, UNUSED_TAG) == null;
            int[] value = new int[1];
            MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, left, DATA);
            return List.of(emptyBefore, found.source, found.tag, found.Get_count(MPI.INT), otherTagEmpty, value[0]);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            return List.<Object>of(true, left, DATA, 1, true, left);
        }), seen);
    }

    private static int lengthSentBy(int rank) {
        return rank % 2 == 0 ? 3 + rank : MessageSize.RENDEZVOUS.ints() + rank;
    }
}
