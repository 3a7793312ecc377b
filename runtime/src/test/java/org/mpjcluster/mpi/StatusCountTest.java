package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import mpi.Datatype;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Status.Get_count} counts whole items of a datatype ({@code UNDEFINED} for a partial item)
 * and {@code Get_elements} counts base elements, both for received and for probed messages.
 */
class StatusCountTest {

    private static final int TAG = 3;
    private static final int CAPACITY_PAIRS = 32;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void countsWholeItemsAndBaseElementsOfEachMessage(int size) throws Exception {
        List<List<List<Integer>>> counts = Jobs.onRanks(size, () -> {
            int[] outgoing = MessageSize.pattern(Peers.rank(), lengthSentBy(Peers.rank()));
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.INT, Peers.right(1), TAG);
            Datatype pair = Datatype.Contiguous(2, MPI.INT);
            pair.Commit();
            Status probed = MPI.COMM_WORLD.Probe(Peers.left(1), TAG);
            int[] incoming = new int[2 * CAPACITY_PAIRS];
            Status received = MPI.COMM_WORLD.Recv(incoming, 0, CAPACITY_PAIRS, pair, Peers.left(1), TAG);
            return List.of(countsOf(probed, pair), countsOf(received, pair));
        });

        assertEquals(Jobs.expected(size, rank -> {
            int length = lengthSentBy(Peers.leftOf(rank, 1, size));
            int pairs = length % 2 == 0 ? length / 2 : MPI.UNDEFINED;
            List<Integer> expected = List.of(length, length, pairs, length, pairs, length);
            return List.of(expected, expected);
        }), counts);
    }

    @Test
    void newStatusIsTheEmptyStatusOfAnInactiveRequest() throws Exception {
        List<List<Object>> seen = Jobs.onRanks(1, () -> {
            Status status = new Status();
            return List.of(status.source, status.tag, status.index, status.Get_count(MPI.INT),
                status.Get_elements(MPI.BYTE), status.Test_cancelled());
        });

        assertEquals(List.of(List.<Object>of(MPI.ANY_SOURCE, MPI.ANY_TAG, MPI.UNDEFINED, 0, 0, false)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void countsBytesOfAByteMessageAndZeroForAnEmptyOne(int size) throws Exception {
        List<List<Integer>> counts = Jobs.onRanks(size, () -> {
            byte[] outgoing = new byte[5 + Peers.rank()];
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.BYTE, Peers.right(1), TAG);
            MPI.COMM_WORLD.Send(new int[0], 0, 0, MPI.INT, Peers.right(1), TAG + 1);
            byte[] incoming = new byte[64];
            Status bytes = MPI.COMM_WORLD.Recv(incoming, 0, incoming.length, MPI.BYTE, Peers.left(1), TAG);
            Status empty = MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, Peers.left(1), TAG + 1);
            return List.of(bytes.Get_count(MPI.BYTE), bytes.Get_elements(MPI.BYTE),
                empty.Get_count(MPI.INT), empty.Get_elements(MPI.INT), empty.source);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            return List.of(5 + left, 5 + left, 0, 0, left);
        }), counts);
    }

    /** As MPI defines it, a datatype without elements counts 0 items in any message, even one with data. */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3})
    void countsNoItemsOfADatatypeWithoutElements(int size) throws Exception {
        List<List<Integer>> counts = Jobs.onRanks(size, () -> {
            int[] outgoing = MessageSize.pattern(Peers.rank(), lengthSentBy(Peers.rank()));
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.INT, Peers.right(1), TAG);
            Datatype gap = Datatype.Struct(new int[] {1, 1}, new int[] {0, 3}, new Datatype[] {MPI.LB, MPI.UB});
            gap.Commit();
            Datatype none = Datatype.Contiguous(0, MPI.INT);
            none.Commit();
            Status probed = MPI.COMM_WORLD.Probe(Peers.left(1), TAG);
            MPI.COMM_WORLD.Recv(new int[16], 0, 16, MPI.INT, Peers.left(1), TAG);
            return List.of(probed.Get_count(gap), probed.Get_count(none), probed.Get_elements(MPI.INT));
        });

        assertEquals(Jobs.expected(size, rank -> List.of(0, 0, lengthSentBy(Peers.leftOf(rank, 1, size)))), counts);
    }

    /** Odd and even lengths, so that some messages are not a whole number of pairs. */
    private static int lengthSentBy(int rank) {
        return 6 + rank;
    }

    private static List<Integer> countsOf(Status status, Datatype pair) {
        return List.of(status.Get_count(MPI.INT), status.Get_elements(MPI.INT), status.Get_count(pair),
            status.Get_elements(pair), status.Get_count(MPI.INT2), status.Get_elements(MPI.INT2));
    }
}
