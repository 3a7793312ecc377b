package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code MPI.OBJECT} messages carry any serializable objects, including objects of the program's
 * own classes, nulls and shared references; unserializable elements and short buffers are errors.
 */
class ObjectMessageTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int SEND_OFFSET = 1;
    private static final int RECEIVE_OFFSET = 2;
    private static final String UNTOUCHED = "untouched";

    /**
     * A user's own serializable class, with nested objects and collections.
     *
     * @param sender rank that made it
     * @param index  position in the message
     * @param label  some text
     * @param values a list of numbers
     * @param inner  another parcel, or {@code null}
     */
    record Parcel(int sender, int index, String label, List<Integer> values, Parcel inner) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Parcel of(int sender, int index) {
            return new Parcel(sender, index, "parcel " + index + " from " + sender,
                List.of(sender, index, sender * index), new Parcel(sender, -index, "inner", List.of(), null));
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void carriesObjectsOfTheUsersOwnClassWithNullsAndSharedReferences(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Object[] outgoing = message(Peers.rank());
            int count = outgoing.length - SEND_OFFSET;
            MPI.COMM_WORLD.Send(outgoing, SEND_OFFSET, count, MPI.OBJECT, Peers.right(1), DATA);
            Object[] incoming = new Object[RECEIVE_OFFSET + count + 1];
            Arrays.fill(incoming, UNTOUCHED);
            Status status = MPI.COMM_WORLD.Recv(incoming, RECEIVE_OFFSET, count, MPI.OBJECT, MPI.ANY_SOURCE, DATA);
            boolean sharedStaysShared = incoming[incoming.length - 2] == incoming[incoming.length - 3];
            return List.of(status.source, status.Get_count(MPI.OBJECT), Arrays.asList(incoming), sharedStaysShared);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            Object[] sent = message(left);
            Object[] expected = new Object[RECEIVE_OFFSET + sent.length - SEND_OFFSET + 1];
            Arrays.fill(expected, UNTOUCHED);
            System.arraycopy(sent, SEND_OFFSET, expected, RECEIVE_OFFSET, sent.length - SEND_OFFSET);
            return List.<Object>of(left, sent.length - SEND_OFFSET, Arrays.asList(expected), true);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void unserializableElementRaisesErrTypeNamingItAndSendsNothing(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Object[] outgoing = {"fine", Parcel.of(Peers.rank(), 0), new int[] {1, 2}, new Object()};
            String error = Errors.of(() -> MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.OBJECT,
                Peers.right(1), DATA), "element 3", "java.lang.Object");
            Peers.barrier(READY);
            return List.of(error, String.valueOf(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, DATA)));
        });

        assertEquals(Jobs.expected(size, rank ->
            List.<Object>of(Errors.naming(MPI.ERR_TYPE, "element 3", "java.lang.Object"), "null")), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void truncatedObjectReceiveStoresTheFirstCountObjects(int size) throws Exception {
        int capacity = 3;
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Object[] outgoing = message(Peers.rank());
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.OBJECT, Peers.right(1), DATA);
            Object[] incoming = new Object[capacity + 1];
            Arrays.fill(incoming, UNTOUCHED);
            String error = Errors.classOf(() ->
                MPI.COMM_WORLD.Recv(incoming, 0, capacity, MPI.OBJECT, Peers.left(1), DATA));
            return List.of(error, Arrays.asList(incoming));
        });

        assertEquals(Jobs.expected(size, rank -> {
            Object[] expected = Arrays.copyOf(message(Peers.leftOf(rank, 1, size)), capacity + 1);
            expected[capacity] = UNTOUCHED;
            return List.<Object>of("MPI_ERR_TRUNCATE", Arrays.asList(expected));
        }), seen);
    }

    /** One node of a singly linked list, serialized by default: one level of recursion per node. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;

        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void carriesALinkedListTooDeepForTheJvmsDefaultThreadStack(int size) throws Exception {
        int length = 6_000;
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            Object[] buffer = new Object[1];
            if (Peers.rank() == 0) {
                Node head = null;
                for (int value = length - 1; value >= 0; value--) {
                    head = new Node(value, head);
                }
                buffer[0] = head;
            }
            MPI.COMM_WORLD.Bcast(buffer, 0, 1, MPI.OBJECT, 0);
            int count = 0;
            int outOfPlace = 0;
            for (Node node = (Node) buffer[0]; node != null; node = node.next) {
                outOfPlace += node.value == count ? 0 : 1;
                count++;
            }
            return List.of(count, outOfPlace);
        });

        assertEquals(Jobs.expected(size, rank -> List.of(length, 0)), seen);
    }

    /** A message of {@code sender}: its own parcels, a null, a String, a boxed number, one parcel twice. */
    private static Object[] message(int sender) {
        Parcel shared = Parcel.of(sender, 99);
        return new Object[] {Parcel.of(sender, 0), Parcel.of(sender, 1), null, "text from " + sender,
            sender * 7L, shared, shared};
    }
}
