package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
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
        DOUBLE(MPI.DOUBLE, double[]::new),
        LONG(MPI.LONG, long[]::new),
        OBJECT(MPI.OBJECT, Object[]::new);

        private final Datatype type;
        private final IntFunction<Object> newBuffer;

        WrongType(Datatype type, IntFunction<Object> newBuffer) {
            this.type = type;
            this.newBuffer = newBuffer;
        }
    }

    static Stream<Arguments> receiversMessageSizesAndRankCounts() {
        return Cases.cross(Receiver.values(), MessageSize.values(), Cases.rankCounts());
    }

    static Stream<Arguments> wrongTypesMessageSizesAndRankCounts() {
        return Cases.cross(WrongType.values(), MessageSize.values(), Cases.rankCounts());
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
            String error = Errors.of(() -> receiver.receive(incoming, OFFSET, count, MPI.INT, Peers.left(1)),
                String.valueOf(length.ints()), String.valueOf(count));
            send.Wait();
            int[] stored = Arrays.copyOfRange(incoming, OFFSET, OFFSET + count);
            boolean prefixStored = Arrays.equals(stored, Arrays.copyOf(length.pattern(Peers.left(1)), count));
            boolean outsideUntouched = incoming[0] == UNTOUCHED && incoming[OFFSET + count] == UNTOUCHED;
            return List.of(error, prefixStored, outsideUntouched, nextMessageArrives());
        });

        String truncated = Errors.naming(MPI.ERR_TRUNCATE, String.valueOf(length.ints()), String.valueOf(count));
        assertEquals(Jobs.expected(size, rank -> List.<Object>of(truncated, true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("wrongTypesMessageSizesAndRankCounts")
    void receiveIntoAnotherElementTypeRaisesErrType(WrongType wrong, MessageSize length, int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Isend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            Object incoming = wrong.newBuffer.apply(length.ints());
            String error = Errors.classOf(() ->
                MPI.COMM_WORLD.Recv(incoming, 0, length.ints(), wrong.type, Peers.left(1), DATA));
            send.Wait();
            return List.of(error, nextMessageArrives());
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of("MPI_ERR_TYPE", true)), seen);
    }

    /** Sends a small message around the ring and says whether the one from the left arrived intact. */
    private static boolean nextMessageArrives() {
        MPI.COMM_WORLD.Send(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), NEXT);
        int[] next = {UNTOUCHED};
        MPI.COMM_WORLD.Recv(next, 0, 1, MPI.INT, Peers.left(1), NEXT);
        return next[0] == Peers.left(1);
    }
}
