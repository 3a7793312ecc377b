package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpjcluster.engine.coll.Thresholds;

/**
 * A datatype made only of {@code MPI.LB} and {@code MPI.UB} markers has no elements but an extent,
 * as MPI allows: sending any number of it sends no data, a receive of it completes with 0 elements
 * and leaves its buffer alone, whatever the kind of the buffer, in point-to-point calls, in every
 * collective and in packing; and its extent moves the items of the types built from it.
 */
class ZeroSizeDatatypeTest {

    private static final int DATA = 6;
    private static final int COUNT = 4;
    private static final int SENTINEL = -1;
    private static final int OFFSET = 1;
    private static final int LENGTH = 12;
    private static final int GAP_EXTENT = 3;

    static int[] rankCounts() {
        return DerivedDatatypeTest.RANK_COUNTS;
    }

    /** No elements, lower bound -1, upper bound 2: an extent of 3. */
    private static Datatype gap() {
        return Datatype.Struct(new int[] {1, 1}, new int[] {-1, 2}, new Datatype[] {MPI.LB, MPI.UB});
    }

    /** One int, then the gap: items 3 elements apart. */
    private static Datatype intsThreeApart() {
        return Datatype.Struct(new int[] {1, 1}, new int[] {0, 0}, new Datatype[] {MPI.INT, gap()});
    }

    /** One int and a vector of two gaps two gaps apart (origins 0 and 6, bounds -1 and 8): items 9 apart. */
    private static Datatype intsNineApart() {
        return Datatype.Struct(new int[] {1, 1}, new int[] {0, 0},
            new Datatype[] {MPI.INT, Datatype.Vector(2, 1, 2, gap())});
    }

    private static Datatype committed(Datatype type) {
        type.Commit();
        return type;
    }

    @Test
    void hasNoElementsButTheExtentOfItsMarkers() {
        assertEquals(List.of(
                List.of(0, 3, -1, 2), List.of(0, 12, -1, 11), List.of(0, 15, -1, 14), List.of(1, 3, -1, 2),
                List.of(1, 6, -1, 5), List.of(1, 9, -1, 8)),
            List.of(bounds(gap()), bounds(Datatype.Contiguous(4, gap())), bounds(Datatype.Vector(2, 2, 3, gap())),
                bounds(intsThreeApart()),
                bounds(Datatype.Struct(new int[] {1, 2}, new int[] {0, 0}, new Datatype[] {MPI.INT, gap()})),
                bounds(intsNineApart())));
    }

    private static List<Integer> bounds(Datatype type) {
        return List.of(type.Size(), type.Extent(), type.Lb(), type.Ub());
    }

    /**
     * Each rank sends the gap type from an {@code int[]} to its right neighbour, which receives it
     * into a {@code double[]}, then into a plain {@code MPI.INT} receive, then with
     * {@code Sendrecv} over {@code Object[]} buffers: every receive completes with no elements.
     */
    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void sendsNoDataAndReceivesNoElementsIntoABufferOfAnyKind(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Datatype gap = committed(gap());
            int[] outgoing = IntStream.range(0, LENGTH).map(i -> 100 * Peers.rank() + i).toArray();
            List<String> verdicts = new ArrayList<>();

            Request send = MPI.COMM_WORLD.Isend(outgoing, OFFSET, COUNT, gap, Peers.right(1), DATA);
            double[] doubles = new double[LENGTH];
            Arrays.fill(doubles, SENTINEL);
            Status status = MPI.COMM_WORLD.Recv(doubles, OFFSET, COUNT, gap, Peers.left(1), DATA);
            send.Wait();
            verdicts.add("gap into double[]: " + counts(status, gap) + " from " + status.source + ", "
                + untouched(doubles));

            send = MPI.COMM_WORLD.Isend(outgoing, 0, COUNT, gap, Peers.right(1), DATA);
            int[] ints = sentinels();
            status = MPI.COMM_WORLD.Recv(ints, 0, LENGTH, MPI.INT, Peers.left(1), DATA);
            send.Wait();
            verdicts.add("gap into MPI.INT: " + status.Get_count(MPI.INT) + " " + untouched(ints));

            Object[] objects = new Object[LENGTH];
            Arrays.fill(objects, "sentinel");
            status = MPI.COMM_WORLD.Sendrecv(new Object[] {"a", "b"}, 0, COUNT, gap, Peers.right(1), DATA,
                objects, OFFSET, COUNT, gap, Peers.left(1), DATA);
            verdicts.add("Sendrecv of Object[]: " + counts(status, gap) + " "
                + (Arrays.stream(objects).allMatch("sentinel"::equals) ? "untouched" : Arrays.toString(objects)));
            return verdicts;
        });

        assertEquals(Jobs.expected(size, rank -> List.of(
            "gap into double[]: [0, 0, 0] from " + Peers.leftOf(rank, 1, size) + ", untouched",
            "gap into MPI.INT: 0 untouched",
            "Sendrecv of Object[]: [0, 0, 0] untouched")), seen);
    }

    /** Get_count and Get_elements of the gap type, and Get_count of MPI.INT. */
    private static List<Integer> counts(Status status, Datatype gap) {
        return List.of(status.Get_count(gap), status.Get_elements(gap), status.Get_count(MPI.INT));
    }

    /**
     * Items of types built from the gap type are its extent apart: three ints 3 elements apart go
     * into a dense receive, two dense ints into items 9 elements apart, and an Allgather of two
     * items 3 apart from each rank puts rank {@code r}'s block 6 elements after rank {@code r - 1}'s.
     */
    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void movesItemsOfTypesBuiltFromItByItsExtent(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Datatype threeApart = committed(intsThreeApart());
            Datatype nineApart = committed(intsNineApart());
            int[] outgoing = IntStream.range(0, LENGTH).map(i -> 100 * Peers.rank() + i).toArray();

            Request send = MPI.COMM_WORLD.Isend(outgoing, OFFSET, 3, threeApart, Peers.right(1), DATA);
            int[] dense = new int[3];
            MPI.COMM_WORLD.Recv(dense, 0, 3, MPI.INT, Peers.left(1), DATA);
            send.Wait();

            send = MPI.COMM_WORLD.Isend(outgoing, 0, 2, MPI.INT, Peers.right(1), DATA);
            int[] spread = sentinels();
            Status status = MPI.COMM_WORLD.Recv(spread, OFFSET, 2, nineApart, Peers.left(1), DATA);
            send.Wait();

            int[] gathered = new int[OFFSET + 6 * size];
            Arrays.fill(gathered, SENTINEL);
            MPI.COMM_WORLD.Allgather(outgoing, 0, 2, threeApart, gathered, OFFSET, 2, threeApart);
            return List.of(Arrays.toString(dense), status.Get_count(nineApart) + " " + Arrays.toString(spread),
                Arrays.toString(gathered));
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = 100 * Peers.leftOf(rank, 1, size);
            int[] spread = sentinels();
            spread[OFFSET] = left;
            spread[OFFSET + 9] = left + 1;
            int[] gathered = new int[OFFSET + 6 * size];
            Arrays.fill(gathered, SENTINEL);
            for (int from = 0; from < size; from++) {
                gathered[OFFSET + 6 * from] = 100 * from;
                gathered[OFFSET + 6 * from + 3] = 100 * from + 3;
            }
            return List.of(Arrays.toString(new int[] {left + 1, left + 4, left + 7}), "2 " + Arrays.toString(spread),
                Arrays.toString(gathered));
        }), seen);
    }

    @Test
    void packsNothingForTheGapTypeAndSpacesTheItemsOfTypesBuiltFromIt() throws Exception {
        List<List<Object>> seen = Jobs.onRanks(1, () -> {
            Datatype gap = committed(gap());
            Datatype threeApart = committed(intsThreeApart());
            byte[] packed = new byte[16];
            Arrays.fill(packed, (byte) 9);
            int[] values = IntStream.range(0, LENGTH).toArray();
            int afterGap = MPI.COMM_WORLD.Pack(values, 0, COUNT, gap, packed, 5);
            int afterObjects = MPI.COMM_WORLD.Pack(new Object[] {"a"}, 0, COUNT, gap, packed, 5);
            boolean packedUntouched = IntStream.range(0, packed.length).allMatch(i -> packed[i] == 9);
            double[] doubles = new double[LENGTH];
            Arrays.fill(doubles, SENTINEL);
            int afterUnpack = MPI.COMM_WORLD.Unpack(packed, 5, doubles, OFFSET, COUNT, gap);

            int afterItems = MPI.COMM_WORLD.Pack(values, OFFSET, 3, threeApart, packed, 0);
            int[] dense = new int[3];
            MPI.COMM_WORLD.Unpack(packed, 0, dense, 0, 3, MPI.INT);
            return List.of(MPI.COMM_WORLD.Pack_size(COUNT, gap), afterGap, afterObjects, packedUntouched,
                afterUnpack, untouched(doubles), MPI.COMM_WORLD.Pack_size(3, threeApart), afterItems,
                Arrays.toString(dense));
        });

        assertEquals(List.of(List.<Object>of(0, 5, 5, true, 5, "untouched", 12, 12, "[1, 4, 7]")), seen);
    }

    /**
     * Every collective with the gap type on every rank, with each algorithm: each call completes
     * and leaves its receive buffer alone.
     */
    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void everyCollectiveMovesNoDataWithTheGapType(int size) throws Exception {
        List<String> expected = collectives(null, 0, size).stream().map(call -> call.name() + ": untouched").toList();
        for (Thresholds thresholds : List.of(Thresholds.SMALL_DATA_ALGORITHMS, Thresholds.LARGE_DATA_ALGORITHMS,
            Thresholds.IN_MEMORY_ALGORITHMS)) {
            List<List<String>> seen;
            try (Thresholds.Restorer forced = Thresholds.use(thresholds)) {
                seen = Jobs.onRanks(size, () -> collectives(committed(gap()), Peers.rank(), size).stream()
                    .map(Collective::run).toList());
            }
            assertEquals(Jobs.expected(size, rank -> expected), seen, "with " + thresholds);
        }
    }

    /**
     * One collective call with the gap type, writing into a buffer that must stay as it was.
     *
     * @param name   shown in results
     * @param buffer makes the receive buffer, filled with values the call must not change
     * @param call   the call, given the buffer
     */
    private record Collective(String name, Supplier<Object> buffer, Consumer<Object> call) {
        String run() {
            Object buf = buffer.get();
            Object before = copyOf(buf);
            call.accept(buf);
            return name + ": " + (Arrays.deepEquals(new Object[] {before}, new Object[] {buf}) ? "untouched"
                : "changed to " + Arrays.deepToString(new Object[] {buf}));
        }

        private static Object copyOf(Object array) {
            int length = Array.getLength(array);
            Object copy = Array.newInstance(array.getClass().getComponentType(), length);
            System.arraycopy(array, 0, copy, 0, length);
            return copy;
        }
    }

    /** The collectives, on {@code rank} of {@code size} ranks, with {@code gap} as every count's type. */
    private static List<Collective> collectives(Datatype gap, int rank, int size) {
        int root = size / 2;
        int[] counts = new int[size];
        Arrays.fill(counts, COUNT);
        int[] displs = IntStream.range(0, size).map(r -> COUNT * (size - 1 - r)).toArray();
        // Room for every rank's items as far as the gap's extent places them, though none is written.
        int length = OFFSET + size * COUNT * GAP_EXTENT;
        Supplier<int[]> sendInts = () -> IntStream.range(0, length).map(i -> 100 * rank + i).toArray();
        Supplier<Object> ints = sendInts::get;
        Supplier<Object> doubles = () -> DoubleStream.iterate(rank, d -> d + 0.5).limit(length).toArray();
        Supplier<Object> longs = () -> LongStream.range(0, length).map(i -> 7L * rank + i).toArray();
        Intracomm world = MPI.COMM_WORLD;
        return List.of(
            new Collective("Bcast", ints, buf -> world.Bcast(buf, OFFSET, COUNT, gap, root)),
            new Collective("Bcast of objects", () -> new Object[] {"x", rank},
                buf -> world.Bcast(buf, OFFSET, COUNT, gap, root)),
            new Collective("Gather", ints, buf -> world.Gather(sendInts.get(), 0, COUNT, gap, buf, OFFSET, COUNT,
                gap, root)),
            new Collective("Gather into 0 of MPI.INT", ints, buf -> world.Gather(sendInts.get(), 0, COUNT, gap, buf,
                OFFSET, 0, MPI.INT, root)),
            new Collective("Gatherv", ints, buf -> world.Gatherv(sendInts.get(), 0, COUNT, gap, buf, OFFSET, counts,
                displs, gap, root)),
            new Collective("Scatter", ints, buf -> world.Scatter(sendInts.get(), 0, COUNT, gap, buf, OFFSET, COUNT,
                gap, root)),
            new Collective("Scatterv", ints, buf -> world.Scatterv(sendInts.get(), 0, counts, displs, gap, buf,
                OFFSET, COUNT, gap, root)),
            new Collective("Allgather", ints, buf -> world.Allgather(sendInts.get(), 0, COUNT, gap, buf, OFFSET,
                COUNT, gap)),
            new Collective("Allgather of objects", () -> new Object[] {"y", rank}, buf -> world.Allgather(
                new Object[] {rank}, 0, COUNT, gap, buf, OFFSET, COUNT, gap)),
            new Collective("Allgatherv", ints, buf -> world.Allgatherv(sendInts.get(), 0, COUNT, gap, buf, OFFSET,
                counts, displs, gap)),
            new Collective("Alltoall", ints, buf -> world.Alltoall(sendInts.get(), 0, COUNT, gap, buf, OFFSET, COUNT,
                gap)),
            new Collective("Alltoallv", ints, buf -> world.Alltoallv(sendInts.get(), 0, counts, displs, gap, buf,
                OFFSET, counts, displs, gap)),
            new Collective("Reduce", doubles, buf -> world.Reduce(new double[] {rank}, 0, buf, OFFSET, COUNT, gap,
                MPI.SUM, root)),
            new Collective("Allreduce", doubles, buf -> world.Allreduce(new double[] {rank}, 0, buf, OFFSET, COUNT,
                gap, MPI.MAXLOC)),
            new Collective("Reduce_scatter", doubles, buf -> world.Reduce_scatter(new double[] {rank}, 0, buf, OFFSET,
                counts, gap, MPI.PROD)),
            new Collective("Scan", longs, buf -> world.Scan(new long[] {rank}, 0, buf, OFFSET, COUNT, gap, MPI.BXOR)),
            new Collective("Exscan", longs, buf -> world.Exscan(new long[] {rank}, 0, buf, OFFSET, COUNT, gap,
                MPI.MIN)));
    }

    private static int[] sentinels() {
        int[] array = new int[LENGTH];
        Arrays.fill(array, SENTINEL);
        return array;
    }

    private static String untouched(double[] array) {
        return Arrays.stream(array).allMatch(value -> value == SENTINEL) ? "untouched" : Arrays.toString(array);
    }

    private static String untouched(int[] array) {
        return Arrays.stream(array).allMatch(value -> value == SENTINEL) ? "untouched" : Arrays.toString(array);
    }
}
