package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Pack}, {@code Unpack} and {@code Pack_size}: buffers of several types and layouts packed
 * one after another travel as one {@code MPI.PACKED} message and unpack, in order, into other
 * layouts of the same signatures; every shape of every base type survives a round trip.
 */
class PackTest {

    private static final int DATA = 1;
    /** Room for the serialized objects, whose size Pack_size cannot tell. */
    private static final int OBJECT_ROOM = 2048;

    static int[] rankCounts() {
        return DerivedDatatypeTest.RANK_COUNTS;
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void sendsSeveralPackedBuffersAsOnePackedMessageAndUnpacksThemInOrder(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Datatype column = Shape.column(MPI.DOUBLE);
            column.Commit();
            Datatype gappedObjects = Datatype.Indexed(new int[] {1, 2}, new int[] {0, 2}, MPI.OBJECT);
            gappedObjects.Commit();
            Parts mine = Parts.of(Peers.rank());
            int room = MPI.COMM_WORLD.Pack_size(2, MPI.INT) + MPI.COMM_WORLD.Pack_size(1, column)
                + MPI.COMM_WORLD.Pack_size(mine.text.length, MPI.CHAR) + OBJECT_ROOM;
            byte[] packed = new byte[room];
            int position = MPI.COMM_WORLD.Pack(mine.header, 0, 2, MPI.INT, packed, 0);
            position = MPI.COMM_WORLD.Pack(mine.matrix, 1, 1, column, packed, position);
            position = MPI.COMM_WORLD.Pack(mine.text, 0, mine.text.length, MPI.CHAR, packed, position);
            position = MPI.COMM_WORLD.Pack(mine.objects, 0, 1, gappedObjects, packed, position);
            position = MPI.COMM_WORLD.Pack(mine.more, 0, 2, MPI.OBJECT, packed, position);
            Request send = MPI.COMM_WORLD.Isend(packed, 0, position, MPI.PACKED, Peers.right(1), DATA);

            Status probed = MPI.COMM_WORLD.Probe(Peers.left(1), DATA);
            byte[] incoming = new byte[probed.Get_count(MPI.PACKED)];
            MPI.COMM_WORLD.Recv(incoming, 0, incoming.length, MPI.PACKED, Peers.left(1), DATA);
            send.Wait();
            int[] header = new int[2];
            int at = MPI.COMM_WORLD.Unpack(incoming, 0, header, 0, 2, MPI.INT);
            double[] columnValues = new double[Shape.ROWS];
            at = MPI.COMM_WORLD.Unpack(incoming, at, columnValues, 0, Shape.ROWS, MPI.DOUBLE);
            char[] text = new char[header[1]];
            at = MPI.COMM_WORLD.Unpack(incoming, at, text, 0, text.length, MPI.CHAR);
            // The objects of both Pack calls (a unit of 3, then one of 2) in one Unpack.
            Object[] objects = new Object[5];
            at = MPI.COMM_WORLD.Unpack(incoming, at, objects, 0, 5, MPI.OBJECT);
            return List.of(Arrays.toString(header), Arrays.toString(columnValues), new String(text),
                Arrays.toString(objects), "ends at " + (at == incoming.length ? "the end" : at));
        });

        assertEquals(Jobs.expected(size, rank -> {
            Parts sent = Parts.of(Peers.leftOf(rank, 1, size));
            double[] column = IntStream.range(0, Shape.ROWS).mapToDouble(r -> sent.matrix[1 + r * Shape.COLUMNS])
                .toArray();
            Object[] objects = {sent.objects[0], sent.objects[2], sent.objects[3], sent.more[0], sent.more[1]};
            return List.of(Arrays.toString(sent.header), Arrays.toString(column), new String(sent.text),
                Arrays.toString(objects), "ends at the end");
        }), seen);
    }

    /**
     * What a rank packs.
     *
     * @param header its rank and the length of its text
     * @param matrix a {@link Shape#ROWS} x {@link Shape#COLUMNS} matrix (column 1 is packed)
     * @param objects objects 0, 2 and 3 are packed, 1 and 4 are not
     * @param text    characters
     * @param more    two more objects, packed by a second call
     */
    record Parts(int[] header, double[] matrix, Object[] objects, char[] text, Object[] more) {
        static Parts of(int rank) {
            char[] text = ("packed by " + rank).toCharArray();
            return new Parts(new int[] {rank, text.length},
                IntStream.range(0, Shape.ROWS * Shape.COLUMNS).mapToDouble(i -> rank + i / 16.0).toArray(),
                new Object[] {"first of " + rank, "not packed", List.of(rank, -rank), null, "not packed either"},
                text, new Object[] {(long) rank << 33, "last of " + rank});
        }
    }

    @Test
    void roundTripsEveryShapeOfEveryBaseTypeThroughPackAndUnpack() throws Exception {
        List<List<String>> seen = Jobs.onRanks(1, () -> {
            List<String> verdicts = new ArrayList<>();
            for (Shape shape : Shape.all()) {
                for (BaseType base : BaseType.values()) {
                    verdicts.add(shape + " of " + base + ": " + roundTrip(shape, base));
                }
            }
            return verdicts;
        });

        List<String> expected = new ArrayList<>();
        for (Shape shape : Shape.all()) {
            for (BaseType base : BaseType.values()) {
                expected.add(shape + " of " + base + ": packed " + packedSize(shape, base)
                    + ", dense identical, shaped identical");
            }
        }
        assertEquals(List.of(expected), seen);
    }

    /** Packs the shape and unpacks it dense, then packs dense and unpacks into the shape. */
    private static String roundTrip(Shape shape, BaseType base) {
        Datatype type = shape.committed(base.type());
        int n = shape.elements();
        int room = base == BaseType.OBJECT ? OBJECT_ROOM : MPI.COMM_WORLD.Pack_size(shape.items(), type);
        Object shaped = base.values(shape.span(), 3);
        byte[] packed = new byte[room];
        int end = MPI.COMM_WORLD.Pack(shaped, shape.origin(), shape.items(), type, packed, 0);
        Object dense = base.sentinels(n);
        int unpackedEnd = MPI.COMM_WORLD.Unpack(packed, 0, dense, 0, n, base.type());

        Object expectedDense = base.sentinels(n);
        Object denseValues = base.values(n, 50);
        Object expectedShaped = base.sentinels(shape.span());
        int[] indices = shape.indices();
        for (int i = 0; i < n; i++) {
            Array.set(expectedDense, i, Array.get(shaped, indices[i]));
            Array.set(expectedShaped, indices[i], Array.get(denseValues, i));
        }
        byte[] repacked = new byte[room];
        int denseEnd = MPI.COMM_WORLD.Pack(denseValues, 0, n, base.type(), repacked, 0);
        Object intoShape = base.sentinels(shape.span());
        int shapedEnd = MPI.COMM_WORLD.Unpack(repacked, 0, intoShape, shape.origin(), shape.items(), type);
        boolean positionsAgree = end == unpackedEnd && denseEnd == shapedEnd;
        return "packed " + (base == BaseType.OBJECT ? "objects" : String.valueOf(end))
            + (positionsAgree ? "" : " (positions disagree)")
            + ", dense " + BaseType.firstDifference(dense, expectedDense)
            + ", shaped " + BaseType.firstDifference(intoShape, expectedShaped);
    }

    private static String packedSize(Shape shape, BaseType base) {
        int bytes = switch (base) {
            case BYTE, BOOLEAN -> 1;
            case CHAR, SHORT -> 2;
            case INT, FLOAT -> 4;
            case LONG, DOUBLE -> 8;
            case OBJECT -> 0;
        };
        return base == BaseType.OBJECT ? "objects" : String.valueOf(shape.elements() * bytes);
    }
}
