package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message longer than the receive buffer stores its first {@code count} elements and raises
 * {@code ERR_TRUNCATE}; a message of another element type raises {@code ERR_TYPE}. Either way the
 * sender completes normally and later messages still arrive.
 */
class ReceiveMismatchTest {

    private static final int DATA = 1;
    private static final int NEXT = 2;
    private static final int UNTOUCHED = -7;
    private static final int OFFSET = 1;

    /** How the receiver waits for the message. */
    enum Receiver {
        /** A blocking Recv. */
        RECV {
            @Override
            void receive(Object buf, int offset, int count, Datatype type, int source) {
                MPI.COMM_WORLD.Recv(buf, offset, count, type, source, DATA);
            }
        },
        /** Irecv, then Wait. */
        IRECV_WAIT {
            @Override
            void receive(Object buf, int offset, int count, Datatype type, int source) {
                MPI.COMM_WORLD.Irecv(buf, offset, count, type, source, DATA).Wait();
            }
        },
        /** Irecv, then Test until it completes. */
        IRECV_TEST {
            @Override
            void receive(Object buf, int offset, int count, Datatype type, int source) {
                Request request = MPI.COMM_WORLD.Irecv(buf, offset, count, type, source, DATA);
                while (request.Test() == null) {
                    Thread.onSpinWait();
                }
            }
        };

        abstract void receive(Object buf, int offset, int count, Datatype type, int source);
    }

    /** A receive buffer of another element type than the {@code int} messages sent. */
    enum WrongType {
        DOUBLE(MPI.DOUBLE, new double[0]),
        LONG(MPI.LONG, new long[0]),
        OBJECT(MPI.OBJECT, new Object[0]);

        private final Datatype type;
        private final Object emptyArray;

        WrongType(Datatype type, Object emptyArray) {
            this.type = type;
            this.emptyArray = emptyArray;
        }

        Object newBuffer(int length) {
            return java.lang.reflect.Array.newInstance(emptyArray.getClass().getComponentType(), length);
        }
    }

    static Stream<Arguments> receiversMessageSizesAndRankCounts() {
        return Arrays.stream(Receiver.values()).flatMap(receiver -> Arrays.stream(MessageSize.values())
            .flatMap(length -> IntStream.of(1, 2, 3, 4, 8).mapToObj(size -> Arguments.of(receiver, length, size))));
    }

    static Stream<Arguments> wrongTypesMessageSizesAndRankCounts() {
        return Arrays.stream(WrongType.values()).flatMap(type -> Arrays.stream(MessageSize.values())
            .flatMap(length -> IntStream.of(1, 2, 4).mapToObj(size -> Arguments.of(type, length, size))));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("receiversMessageSizesAndRankCounts")
    void truncatedReceiveStoresTheFirstCountElementsAndRaisesErrTruncate(Receiver receiver, MessageSize length,
                                                                          int size) throws Exception {
        int count = length.ints() / 2;
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Isend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            int[] incoming = new int[OFFSET + count + 1];
            Arrays.fill(incoming, UNTOUCHED);
            String error = errorOf(() -> receiver.receive(incoming, OFFSET, count, MPI.INT, Peers.left(1)),
                length.ints(), count);
            send.Wait();
            int[] stored = Arrays.copyOfRange(incoming, OFFSET, OFFSET + count);
            boolean prefixStored = Arrays.equals(stored, Arrays.copyOf(length.pattern(Peers.left(1)), count));
            boolean outsideUntouched = incoming[0] == UNTOUCHED && incoming[OFFSET + count] == UNTOUCHED;
            return List.of(error, prefixStored, outsideUntouched, nextMessageArrives());
        });

        String truncated = "error class " + MPI.ERR_TRUNCATE + " giving both counts";
        assertEquals(Jobs.expected(size, rank -> List.<Object>of(truncated, true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("wrongTypesMessageSizesAndRankCounts")
    void receiveIntoAnotherElementTypeRaisesErrType(WrongType wrong, MessageSize length, int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Isend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            Object incoming = wrong.newBuffer(length.ints());
            int errorClass;
            try {
                MPI.COMM_WORLD.Recv(incoming, 0, length.ints(), wrong.type, Peers.left(1), DATA);
                errorClass = MPI.SUCCESS;
            } catch (MPIException e) {
                errorClass = e.getErrorClass();
            }
            send.Wait();
            return List.of(errorClass, nextMessageArrives());
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(MPI.ERR_TYPE, true)), seen);
    }

    /** Sends a small message around the ring and says whether the one from the left arrived intact. */
    private static boolean nextMessageArrives() {
        MPI.COMM_WORLD.Send(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), NEXT);
        int[] next = {UNTOUCHED};
        MPI.COMM_WORLD.Recv(next, 0, 1, MPI.INT, Peers.left(1), NEXT);
        return next[0] == Peers.left(1);
    }

    /**
     * The error class of the MPIException {@code call} raised, and whether its message gives both the
     * number of elements sent and the number the buffer holds.
     */
    private static String errorOf(Runnable call, int sent, int capacity) {
        try {
            call.run();
            return "no error";
        } catch (MPIException e) {
            boolean givesCounts = mentions(e.getMessage(), sent) && mentions(e.getMessage(), capacity);
            return "error class " + e.getErrorClass() + (givesCounts ? " giving both counts" : ": " + e.getMessage());
        }
    }

    private static boolean mentions(String message, int number) {
        return Arrays.asList(message.split("[^0-9]+")).contains(String.valueOf(number));
    }
}
