package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every misuse of derived datatypes, of {@code free} and of packing raises an MPIException of the
 * right class whose message names the call and what was wrong; and the edge cases that are not
 * misuse (buffers that hold exactly the touched elements, types outliving the types they were
 * built from) work.
 */
class DatatypeMisuseTest {

    private static final int TAG = 4;

    /**
     * One misuse.
     *
     * @param name       shown in the test name
     * @param errorClass the class it must raise
     * @param words      what the message must name, the call first
     * @param call       the misuse, run on a rank of a one-rank job
     */
    record Misuse(String name, int errorClass, List<String> words, Runnable call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Misuse misuse(String name, int errorClass, Runnable call, String... words) {
        return new Misuse(name, errorClass, List.of(words), call);
    }

    static Stream<Misuse> misuses() {
        return Stream.of(
            misuse("Struct mixing INT and DOUBLE", MPI.ERR_TYPE, () -> Datatype.Struct(new int[] {1, 1},
                new int[] {0, 1}, new Datatype[] {MPI.INT, MPI.DOUBLE}), "Struct:", "MPI.INT", "MPI.DOUBLE"),
            misuse("Struct mixing a nested INT type and FLOAT", MPI.ERR_TYPE, () -> Datatype.Struct(new int[] {1, 1},
                new int[] {0, 4}, new Datatype[] {Datatype.Contiguous(2, MPI.INT), MPI.FLOAT}),
                "Struct:", "Contiguous(2, MPI.INT)", "MPI.FLOAT"),
            misuse("Struct mixing in a block of length 0", MPI.ERR_TYPE, () -> Datatype.Struct(new int[] {1, 0},
                new int[] {0, 1}, new Datatype[] {MPI.INT, MPI.OBJECT}), "Struct:", "MPI.OBJECT"),
            misuse("Contiguous with a negative count", MPI.ERR_COUNT, () -> Datatype.Contiguous(-1, MPI.INT),
                "Contiguous:", "count"),
            misuse("Vector with a negative count", MPI.ERR_COUNT, () -> Datatype.Vector(-2, 1, 1, MPI.INT),
                "Vector:", "count"),
            misuse("Hvector with a negative blocklength", MPI.ERR_ARG, () -> Datatype.Hvector(2, -1, 1, MPI.INT),
                "Hvector:", "blocklength"),
            misuse("Indexed with a negative block length", MPI.ERR_ARG, () -> Datatype.Indexed(new int[] {1, -1},
                new int[] {0, 2}, MPI.INT), "Indexed:", "array_of_blocklengths[1]"),
            misuse("Hindexed with arrays of different lengths", MPI.ERR_ARG, () -> Datatype.Hindexed(
                new int[] {1, 1}, new int[] {0}, MPI.INT), "Hindexed:", "array_of_blocklengths",
                "array_of_displacements"),
            misuse("Indexed with a null array", MPI.ERR_ARG, () -> Datatype.Indexed(new int[] {1}, null, MPI.INT),
                "Indexed:", "array_of_displacements"),
            misuse("Struct with fewer types than blocks", MPI.ERR_ARG, () -> Datatype.Struct(new int[] {1, 1},
                new int[] {0, 1}, new Datatype[] {MPI.INT}), "Struct:", "array_of_types"),
            misuse("Struct with a null type", MPI.ERR_TYPE, () -> Datatype.Struct(new int[] {1, 1},
                new int[] {0, 1}, new Datatype[] {MPI.INT, null}), "Struct:", "array_of_types[1]"),
            misuse("Contiguous of null", MPI.ERR_TYPE, () -> Datatype.Contiguous(1, null), "Contiguous:", "oldtype"),
            misuse("Vector of a freed type", MPI.ERR_TYPE, () -> Datatype.Vector(2, 1, 2, freed()),
                "Vector:", "oldtype", "freed"),
            misuse("Contiguous of more than an int of elements", MPI.ERR_ARG, () ->
                Datatype.Contiguous(1 << 30, Datatype.Contiguous(4, MPI.INT)), "Contiguous:", "int"),
            misuse("Hvector whose displacements overflow", MPI.ERR_ARG, () ->
                Datatype.Hvector(3, 1, Integer.MAX_VALUE, MPI.INT), "Hvector:", "displacement"),
            misuse("free of MPI.INT", MPI.ERR_TYPE, MPI.INT::free, "free:", "MPI.INT", "predefined"),
            misuse("free of MPI.UB", MPI.ERR_TYPE, MPI.UB::free, "free:", "MPI.UB", "predefined"),
            misuse("free twice", MPI.ERR_TYPE, () -> freed().free(), "free:", "freed"),
            misuse("Commit after free", MPI.ERR_TYPE, () -> freed().Commit(), "Commit:", "freed"),
            misuse("Extent after free", MPI.ERR_TYPE, () -> freed().Extent(), "Extent:", "freed"),
            misuse("Size after finalize, mpiJava's free", MPI.ERR_TYPE, () -> finalized().Size(), "Size:", "freed"),
            misuse("finalize of MPI.INT", MPI.ERR_TYPE, MPI.INT::finalize, "free:", "MPI.INT", "predefined"),
            misuse("Send with an uncommitted type", MPI.ERR_TYPE, () -> MPI.COMM_WORLD.Send(new int[4], 0, 1,
                Datatype.Vector(2, 1, 2, MPI.INT), 0, TAG), "Send:", "Vector(2, 1, 2, MPI.INT)", "committed"),
            misuse("Recv with a freed type", MPI.ERR_TYPE, () -> MPI.COMM_WORLD.Recv(new int[4], 0, 1, freed(), 0,
                TAG), "Recv:", "freed"),
            misuse("Send with MPI.LB from a String", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Send("text", 0, 1, MPI.LB,
                0, TAG), "Send:", "buf", "String", "MPI.LB", "Object[]"),
            misuse("Allreduce of markers only from a double[] into an int[]", MPI.ERR_BUFFER, () ->
                MPI.COMM_WORLD.Allreduce(new double[4], 0, new int[4], 0, 2, markersOnly(), MPI.SUM),
                "Allreduce:", "sendbuf", "DOUBLE", "recvbuf", "INT", "Struct(MPI.LB, MPI.UB)"),
            misuse("Allgather of markers only from a double[] into MPI.INT", MPI.ERR_TYPE, () ->
                MPI.COMM_WORLD.Allgather(new double[4], 0, 2, markersOnly(), new int[4], 0, 0, MPI.INT),
                "Allgather:", "sendtype", "DOUBLE", "recvtype", "INT", "buffer"),
            misuse("Allreduce of markers only with MPI.SUM over a boolean[]", MPI.ERR_OP, () ->
                MPI.COMM_WORLD.Allreduce(new boolean[4], 0, new boolean[4], 0, 2, markersOnly(), MPI.SUM),
                "Allreduce:", "MPI.SUM", "BOOLEAN"),
            misuse("Send reaching below the start of buf", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Send(new int[10], 2, 1,
                negativeDisplacement(), 0, TAG), "Send:", "offset", "buf", "at least 3"),
            misuse("Recv into a buf one short of the last covered element", MPI.ERR_BUFFER, () ->
                MPI.COMM_WORLD.Recv(new int[12], 0, 2, committed(Shape.marked(MPI.INT)), 0, TAG),
                "Recv:", "offset", "count", "buf", "12"),
            misuse("Send of an INT type from a double[]", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Send(new double[10], 0,
                1, committed(Datatype.Contiguous(2, MPI.INT)), 0, TAG), "Send:", "buf", "double[]", "int[]"),
            misuse("Get_count with an uncommitted type", MPI.ERR_TYPE, () ->
                selfMessage().Get_count(Datatype.Contiguous(2, MPI.INT)), "Get_count:", "committed"),
            misuse("Pack with an uncommitted type", MPI.ERR_TYPE, () -> MPI.COMM_WORLD.Pack(new int[4], 0, 1,
                Datatype.Contiguous(2, MPI.INT), new byte[64], 0), "Pack:", "committed"),
            misuse("Pack into a too small outbuf", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Pack(new int[4], 0, 1,
                committed(Datatype.Contiguous(3, MPI.INT)), new byte[10], 0), "Pack:", "needs 12 bytes",
                "outbuf has 10 bytes"),
            misuse("Pack at a negative position", MPI.ERR_ARG, () -> MPI.COMM_WORLD.Pack(new int[4], 0, 1, MPI.INT,
                new byte[10], -1), "Pack:", "position"),
            misuse("Pack at a position past outbuf", MPI.ERR_ARG, () -> MPI.COMM_WORLD.Pack(new int[4], 0, 1, MPI.INT,
                new byte[10], 11), "Pack:", "position", "11"),
            misuse("Pack into a null outbuf", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Pack(new int[4], 0, 1, MPI.INT,
                null, 0), "Pack:", "outbuf"),
            misuse("Pack from a buf too small for offset and count", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Pack(
                new int[4], 3, 2, MPI.INT, new byte[64], 0), "Pack:", "offset", "count", "buf"),
            misuse("Unpack from a position past inbuf", MPI.ERR_ARG, () -> MPI.COMM_WORLD.Unpack(new byte[8], 9,
                new int[4], 0, 1, MPI.INT), "Unpack:", "position"),
            misuse("Unpack more than inbuf holds", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Unpack(new byte[8], 0,
                new int[4], 0, 3, MPI.INT), "Unpack:", "needs 12 bytes", "inbuf has only 8 bytes"),
            misuse("Unpack into a buf too small for offset and count", MPI.ERR_BUFFER, () -> MPI.COMM_WORLD.Unpack(
                new byte[64], 0, new int[4], 0, 2, committed(Datatype.Contiguous(3, MPI.INT))),
                "Unpack:", "offset", "count", "buf"),
            misuse("Unpack splitting one Pack call's objects", MPI.ERR_TYPE, () -> {
                byte[] packed = new byte[256];
                MPI.COMM_WORLD.Pack(new Object[] {"a", "b"}, 0, 2, MPI.OBJECT, packed, 0);
                MPI.COMM_WORLD.Unpack(packed, 0, new Object[1], 0, 1, MPI.OBJECT);
            }, "Unpack:", "unit of 2"),
            misuse("Pack_size of objects", MPI.ERR_TYPE, () -> MPI.COMM_WORLD.Pack_size(1,
                committed(Datatype.Contiguous(2, MPI.OBJECT))), "Pack_size:", "Contiguous(2, MPI.OBJECT)"),
            misuse("Pack_size with a negative count", MPI.ERR_COUNT, () -> MPI.COMM_WORLD.Pack_size(-1, MPI.INT),
                "Pack_size:", "incount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void raisesTheRightErrorNamingTheCallAndTheProblem(Misuse misuse) throws Exception {
        String[] words = misuse.words().toArray(new String[0]);
        List<String> seen = Jobs.onRanks(1, () -> Errors.of(misuse.call(), words));

        assertEquals(List.of(Errors.naming(misuse.errorClass(), words)), seen);
    }

    @Test
    void acceptsBuffersHoldingExactlyTheTouchedElementsWhateverTheBounds() throws Exception {
        List<String> seen = Jobs.onRanks(1, () -> {
            // Elements -3, -2 and 4: offset 3 reaches index 0, and index 7 is the last one touched.
            int[] outgoing = {10, 11, 12, 13, 14, 15, 16, 17};
            MPI.COMM_WORLD.Send(outgoing, 3, 1, negativeDisplacement(), 0, TAG);
            // Elements 2, 3, 4 of an extent of 8 with UB at 7: two items end at index 12, not 16.
            int[] incoming = new int[13];
            MPI.COMM_WORLD.Recv(incoming, 0, 2, committed(Shape.marked(MPI.INT)), 0, TAG);
            return java.util.Arrays.toString(incoming);
        });

        assertEquals(List.of("[0, 0, 10, 11, 17, 0, 0, 0, 0, 0, 0, 0, 0]"), seen);
    }

    @Test
    void aTypeOutlivesTheTypesItWasBuiltFromAndCommunicationStartedBeforeItIsFreed() throws Exception {
        List<String> seen = Jobs.onRanks(1, () -> {
            Datatype pair = Datatype.Contiguous(2, MPI.INT);
            Datatype pairs = Datatype.Vector(2, 1, 2, pair);
            pair.free();
            pairs.Commit();
            int[] outgoing = {1, 2, 3, 4, 5, 6};
            mpi.Request send = MPI.COMM_WORLD.Isend(outgoing, 0, 1, pairs, 0, TAG);
            pairs.free();
            int[] incoming = new int[4];
            MPI.COMM_WORLD.Recv(incoming, 0, 4, MPI.INT, 0, TAG);
            send.Wait();
            return java.util.Arrays.toString(incoming) + " " + Errors.classOf(pairs::Size);
        });

        assertEquals(List.of("[1, 2, 5, 6] MPI_ERR_TYPE"), seen);
    }

    /** A derived type that has been committed and freed. */
    private static Datatype freed() {
        Datatype type = Datatype.Contiguous(2, MPI.INT);
        type.Commit();
        type.free();
        return type;
    }

    /** A derived type that has been freed by mpiJava's name for it. */
    private static Datatype finalized() {
        Datatype type = Datatype.Contiguous(2, MPI.INT);
        type.finalize();
        return type;
    }

    /** No elements, bounds -1 and 3, committed. */
    private static Datatype markersOnly() {
        return committed(Datatype.Struct(new int[] {1, 1}, new int[] {-1, 3}, new Datatype[] {MPI.LB, MPI.UB}));
    }

    private static Datatype committed(Datatype type) {
        type.Commit();
        return type;
    }

    /** Elements -3, -2 and 4 (Hindexed), committed. */
    private static Datatype negativeDisplacement() {
        return committed(Datatype.Hindexed(new int[] {2, 1}, new int[] {-3, 4}, MPI.INT));
    }

    /** The status of an empty message the calling rank sent itself. */
    private static Status selfMessage() {
        MPI.COMM_WORLD.Send(new int[0], 0, 0, MPI.INT, 0, TAG);
        return MPI.COMM_WORLD.Recv(new int[0], 0, 0, MPI.INT, 0, TAG);
    }
}
