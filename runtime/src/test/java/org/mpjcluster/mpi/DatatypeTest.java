package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every predefined datatype, basic and pair, carries its values exactly, from and to any offset,
 * over both the eager and the rendezvous protocol, without touching elements outside the buffer's
 * items. One table of cases drives one test.
 */
class DatatypeTest {

    private static final int TAG = 5;
    private static final int SEND_OFFSET = 2;
    private static final int RECEIVE_OFFSET = 3;
    private static final int TAIL = 2;
    private static final int SENTINEL = -1;

    /** Sets element {@code index} of {@code array} to a value derived from {@code seed}. */
    @FunctionalInterface
    interface Filler {
        void set(Object array, int index, int seed);
    }

    /**
     * A datatype and how to make and fill an array of its Java element type.
     *
     * @param name     shown in the test name
     * @param type     the datatype
     * @param newArray makes an array of a given length
     * @param filler   stores a value derived from an int seed
     */
    record TypeCase(String name, Datatype type, IntFunction<Object> newArray, Filler filler) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Numbers of items: a few (eager), and enough for a rendezvous even with one-byte elements. */
    enum Items {
        EAGER(5),
        RENDEZVOUS(MessageSize.rendezvousBytes());

        private final int count;

        Items(int count) {
            this.count = count;
        }
    }

    private static final Filler BYTES = (a, i, v) -> ((byte[]) a)[i] = (byte) v;
    private static final Filler CHARS = (a, i, v) -> ((char[]) a)[i] = (char) v;
    private static final Filler SHORTS = (a, i, v) -> ((short[]) a)[i] = (short) v;
    private static final Filler BOOLEANS = (a, i, v) -> ((boolean[]) a)[i] = (v & 1) == 1;
    private static final Filler INTS = (a, i, v) -> ((int[]) a)[i] = v;
    private static final Filler LONGS = (a, i, v) -> ((long[]) a)[i] = v * 0x1_0000_0001L;
    private static final Filler FLOATS = (a, i, v) -> ((float[]) a)[i] = v + 0.25f;
    private static final Filler DOUBLES = (a, i, v) -> ((double[]) a)[i] = v / 8.0;
    private static final Filler OBJECTS = (a, i, v) -> ((Object[]) a)[i] = v % 3 == 0 ? Integer.valueOf(v) : "o" + v;

    static Stream<TypeCase> types() {
        return Stream.of(
            new TypeCase("BYTE", MPI.BYTE, byte[]::new, BYTES),
            new TypeCase("CHAR", MPI.CHAR, char[]::new, CHARS),
            new TypeCase("SHORT", MPI.SHORT, short[]::new, SHORTS),
            new TypeCase("BOOLEAN", MPI.BOOLEAN, boolean[]::new, BOOLEANS),
            new TypeCase("INT", MPI.INT, int[]::new, INTS),
            new TypeCase("LONG", MPI.LONG, long[]::new, LONGS),
            new TypeCase("FLOAT", MPI.FLOAT, float[]::new, FLOATS),
            new TypeCase("DOUBLE", MPI.DOUBLE, double[]::new, DOUBLES),
            new TypeCase("OBJECT", MPI.OBJECT, Object[]::new, OBJECTS),
            new TypeCase("PACKED", MPI.PACKED, byte[]::new, BYTES),
            new TypeCase("SHORT2", MPI.SHORT2, short[]::new, SHORTS),
            new TypeCase("INT2", MPI.INT2, int[]::new, INTS),
            new TypeCase("LONG2", MPI.LONG2, long[]::new, LONGS),
            new TypeCase("FLOAT2", MPI.FLOAT2, float[]::new, FLOATS),
            new TypeCase("DOUBLE2", MPI.DOUBLE2, double[]::new, DOUBLES));
    }

    static Stream<Arguments> typesItemCountsAndRankCounts() {
        return Cases.cross(types().toArray(), Items.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("typesItemCountsAndRankCounts")
    void carriesEveryDatatypeExactlyBetweenOffsets(TypeCase type, Items items, int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int elements = items.count * type.type().Size();
            Object outgoing = type.newArray().apply(SEND_OFFSET + elements);
            fill(type, outgoing, SEND_OFFSET, elements, Peers.rank());
            Request send = MPI.COMM_WORLD.Isend(outgoing, SEND_OFFSET, items.count, type.type(), Peers.right(1), TAG);
            Object incoming = type.newArray().apply(RECEIVE_OFFSET + elements + TAIL);
            fill(type, incoming, 0, Array.getLength(incoming), SENTINEL);
            Status status = MPI.COMM_WORLD.Recv(incoming, RECEIVE_OFFSET, items.count, type.type(), Peers.left(1), TAG);
            send.Wait();
            return "count " + status.Get_count(type.type()) + ", "
                + firstDifference(incoming, expectedReceive(type, elements, Peers.left(1)));
        });

        assertEquals(Jobs.expected(size, rank -> "count " + items.count + ", identical"), seen);
    }

    /** What the receive buffer must hold: the sender's values at the offset, sentinels elsewhere. */
    private static Object expectedReceive(TypeCase type, int elements, int sender) {
        Object expected = type.newArray().apply(RECEIVE_OFFSET + elements + TAIL);
        fill(type, expected, 0, Array.getLength(expected), SENTINEL);
        fill(type, expected, RECEIVE_OFFSET, elements, sender);
        return expected;
    }

    /** Fills {@code length} elements from {@code from} with values of {@code sender} (or sentinels). */
    private static void fill(TypeCase type, Object array, int from, int length, int sender) {
        for (int i = 0; i < length; i++) {
            type.filler().set(array, from + i, sender == SENTINEL ? SENTINEL : 1000 * sender + i);
        }
    }

    private static String firstDifference(Object actual, Object expected) {
        for (int i = 0; i < Array.getLength(expected); i++) {
            if (!Objects.equals(Array.get(actual, i), Array.get(expected, i))) {
                return "element " + i + " is " + Array.get(actual, i) + ", not " + Array.get(expected, i);
            }
        }
        return "identical";
    }
}
