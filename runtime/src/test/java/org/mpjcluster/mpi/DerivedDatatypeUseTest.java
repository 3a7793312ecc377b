package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Prequest;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Derived datatypes the way programs use them: transposing a matrix by columns, a triangle into
 * the transposed triangle, large strided messages over the rendezvous protocol, every send mode,
 * {@code Sendrecv_replace}, and the counts a status reports for partial items.
 */
class DerivedDatatypeUseTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int SENTINEL = -1;

    static int[] rankCounts() {
        return DerivedDatatypeTest.RANK_COUNTS;
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void transposesAMatrixBySendingColumnsAndReceivingRowsAndBack(int size) throws Exception {
        int rows = Shape.ROWS;
        int columns = Shape.COLUMNS;
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Datatype columnsOneApart = Datatype.Struct(new int[] {1, 1}, new int[] {0, 1},
                new Datatype[] {Shape.column(MPI.DOUBLE), MPI.UB});
            columnsOneApart.Commit();
            double[] matrix = matrix(Peers.rank(), rows, columns);
            Request send = MPI.COMM_WORLD.Isend(matrix, 0, columns, columnsOneApart, Peers.right(1), DATA);
            double[] transposed = new double[rows * columns];
            MPI.COMM_WORLD.Recv(transposed, 0, rows * columns, MPI.DOUBLE, Peers.left(1), DATA);
            send.Wait();

            send = MPI.COMM_WORLD.Isend(transposed, 0, rows * columns, MPI.DOUBLE, Peers.left(1), DATA);
            double[] back = new double[rows * columns];
            MPI.COMM_WORLD.Recv(back, 0, columns, columnsOneApart, Peers.right(1), DATA);
            send.Wait();
            return List.of(Arrays.toString(transposed), Arrays.toString(back));
        });

        assertEquals(Jobs.expected(size, rank -> {
            double[] left = matrix(Peers.leftOf(rank, 1, size), rows, columns);
            return List.of(Arrays.toString(transpose(left, rows, columns)),
                Arrays.toString(matrix(rank, rows, columns)));
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void sendsALowerTriangleIntoTheUpperTriangleOfTheTranspose(int size) throws Exception {
        int order = Shape.ORDER;
        List<String> seen = Jobs.onRanks(size, () -> {
            Datatype lower = Shape.lowerTriangle(MPI.INT);
            lower.Commit();
            Datatype upperByColumns = upperTriangleByColumns(order);
            upperByColumns.Commit();
            int[] matrix = IntStream.range(0, order * order).map(i -> 100 * Peers.rank() + i).toArray();
            Request send = MPI.COMM_WORLD.Isend(matrix, 0, 1, lower, Peers.right(1), DATA);
            int[] received = new int[order * order];
            Arrays.fill(received, SENTINEL);
            Status status = MPI.COMM_WORLD.Recv(received, 0, 1, upperByColumns, Peers.left(1), DATA);
            send.Wait();
            return status.Get_count(upperByColumns) + " " + Arrays.toString(received);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int[] expected = new int[order * order];
            for (int row = 0; row < order; row++) {
                for (int column = 0; column < order; column++) {
                    expected[row * order + column] = row <= column
                        ? 100 * Peers.leftOf(rank, 1, size) + column * order + row : SENTINEL;
                }
            }
            return "1 " + Arrays.toString(expected);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void carriesALargeStridedMessageOverTheRendezvousProtocol(int size) throws Exception {
        int n = MessageSize.rendezvousBytes() / Double.BYTES + 1;
        List<String> seen = Jobs.onRanks(size, () -> {
            Datatype everyThird = Datatype.Vector(n, 1, 3, MPI.DOUBLE);
            everyThird.Commit();
            Datatype everyOtherPair = Datatype.Hvector(n / 2 + 1, 1, 4, Datatype.Contiguous(2, MPI.DOUBLE));
            everyOtherPair.Commit();
            double[] outgoing = IntStream.range(0, 3 * n).mapToDouble(i -> Peers.rank() + i / 4.0).toArray();
            Request send = MPI.COMM_WORLD.Issend(outgoing, 0, 1, everyThird, Peers.right(1), DATA);
            double[] incoming = new double[4 * (n / 2 + 1)];
            Arrays.fill(incoming, SENTINEL);
            Status status = MPI.COMM_WORLD.Recv(incoming, 0, 1, everyOtherPair, Peers.left(1), DATA);
            send.Wait();
            return status.Get_elements(MPI.DOUBLE) + " " + status.Get_count(everyOtherPair) + " "
                + Arrays.hashCode(incoming);
        });

        assertEquals(Jobs.expected(size, rank -> {
            double[] expected = new double[4 * (n / 2 + 1)];
            Arrays.fill(expected, SENTINEL);
            for (int i = 0; i < n; i++) {
                expected[i / 2 * 4 + i % 2] = Peers.leftOf(rank, 1, size) + 3 * i / 4.0;
            }
            return n + " " + MPI.UNDEFINED + " " + Arrays.hashCode(expected);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void everySendModeAndSendrecvCarryADerivedType(int size) throws Exception {
        List<String> modes = List.of("Send", "Ssend", "Bsend", "Rsend", "Isend", "Issend", "Ibsend", "Irsend",
            "Send_init", "Sendrecv");
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Datatype marked = Shape.marked(MPI.INT);
            marked.Commit();
            MPI.Buffer_attach(new byte[4 * (9 * Integer.BYTES + MPI.BSEND_OVERHEAD)]);
            int[] outgoing = IntStream.range(0, 30).map(i -> 1000 * Peers.rank() + i).toArray();
            List<String> verdicts = modes.stream().map(mode -> {
                int[] incoming = new int[30];
                Arrays.fill(incoming, SENTINEL);
                Request receive = "Sendrecv".equals(mode) ? null
                    : MPI.COMM_WORLD.Irecv(incoming, 1, 3, marked, Peers.left(1), DATA);
                Peers.readyHandshake(READY);
                sendIn(mode, outgoing, marked, incoming);
                if (receive != null) {
                    receive.Wait();
                }
                return mode + " " + Arrays.toString(incoming);
            }).toList();
            MPI.Buffer_detach();
            return verdicts;
        });

        assertEquals(Jobs.expected(size, rank -> modes.stream().map(mode -> {
            int[] expected = new int[30];
            Arrays.fill(expected, SENTINEL);
            for (int item = 0; item < 3; item++) {
                for (int d = 2; d <= 4; d++) {
                    int at = 1 + 8 * item + d;
                    expected[at] = 1000 * Peers.leftOf(rank, 1, size) + at;
                }
            }
            return mode + " " + Arrays.toString(expected);
        }).toList()), seen);
    }

    private static void sendIn(String mode, int[] buf, Datatype type, int[] incoming) {
        int dest = Peers.right(1);
        switch (mode) {
            case "Send" -> MPI.COMM_WORLD.Send(buf, 1, 3, type, dest, DATA);
            case "Ssend" -> MPI.COMM_WORLD.Ssend(buf, 1, 3, type, dest, DATA);
            case "Bsend" -> MPI.COMM_WORLD.Bsend(buf, 1, 3, type, dest, DATA);
            case "Rsend" -> MPI.COMM_WORLD.Rsend(buf, 1, 3, type, dest, DATA);
            case "Isend" -> MPI.COMM_WORLD.Isend(buf, 1, 3, type, dest, DATA).Wait();
            case "Issend" -> MPI.COMM_WORLD.Issend(buf, 1, 3, type, dest, DATA).Wait();
            case "Ibsend" -> MPI.COMM_WORLD.Ibsend(buf, 1, 3, type, dest, DATA).Wait();
            case "Irsend" -> MPI.COMM_WORLD.Irsend(buf, 1, 3, type, dest, DATA).Wait();
            case "Send_init" -> {
                Prequest request = MPI.COMM_WORLD.Send_init(buf, 1, 3, type, dest, DATA);
                request.Start();
                request.Wait();
                request.Free();
            }
            case "Sendrecv" -> MPI.COMM_WORLD.Sendrecv(buf, 1, 3, type, dest, DATA,
                incoming, 1, 3, type, Peers.left(1), DATA);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void sendrecvReplaceExchangesOnlyTheCoveredElements(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Datatype column = Shape.column(MPI.LONG);
            column.Commit();
            long[] matrix = IntStream.range(0, Shape.ROWS * Shape.COLUMNS).mapToLong(i -> 100L * Peers.rank() + i)
                .toArray();
            MPI.COMM_WORLD.Sendrecv_replace(matrix, 2, 1, column, Peers.right(1), DATA, Peers.left(1), DATA);
            return Arrays.toString(matrix);
        });

        assertEquals(Jobs.expected(size, rank -> {
            long[] expected = IntStream.range(0, Shape.ROWS * Shape.COLUMNS).mapToLong(i -> 100L * rank + i)
                .toArray();
            for (int row = 0; row < Shape.ROWS; row++) {
                int at = 2 + row * Shape.COLUMNS;
                expected[at] = 100L * Peers.leftOf(rank, 1, size) + at;
            }
            return Arrays.toString(expected);
        }), seen);
    }

    /**
     * Messages of 7, 8 and 9 ints received as items of 3 (elements 2, 3, 4 of an extent of 8):
     * {@code Get_count} is {@code UNDEFINED} unless the items are whole, {@code Get_elements} is
     * the number of ints, and only that many covered elements are written.
     */
    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void countsWholeItemsAndBaseElementsOfPartialDerivedItems(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Datatype marked = Shape.marked(MPI.INT);
            marked.Commit();
            int[] outgoing = IntStream.range(0, lengthSentBy(Peers.rank())).map(i -> 10 * Peers.rank() + i).toArray();
            MPI.COMM_WORLD.Send(outgoing, 0, outgoing.length, MPI.INT, Peers.right(1), DATA);
            Status probed = MPI.COMM_WORLD.Probe(Peers.left(1), DATA);
            int[] incoming = new int[40];
            Arrays.fill(incoming, SENTINEL);
            Status received = MPI.COMM_WORLD.Recv(incoming, 1, 4, marked, Peers.left(1), DATA);
            return List.of(probed.Get_count(marked), probed.Get_elements(marked), received.Get_count(marked),
                received.Get_elements(marked)) + " " + Arrays.toString(incoming);
        });

        assertEquals(Jobs.expected(size, rank -> {
            int sender = Peers.leftOf(rank, 1, size);
            int length = lengthSentBy(sender);
            int items = length % 3 == 0 ? length / 3 : MPI.UNDEFINED;
            int[] expected = new int[40];
            Arrays.fill(expected, SENTINEL);
            for (int i = 0; i < length; i++) {
                expected[1 + 8 * (i / 3) + 2 + i % 3] = 10 * sender + i;
            }
            return List.of(items, length, items, length) + " " + Arrays.toString(expected);
        }), seen);
    }

    private static int lengthSentBy(int rank) {
        return 7 + rank % 3;
    }

    /**
     * Where the elements of a lower triangle go in the transposed matrix: row {@code r} of the
     * triangle, elements {@code (r, 0..r)}, becomes column {@code r} down to the diagonal, a
     * vector of {@code r + 1} elements {@code order} apart starting at {@code r}.
     */
    private static Datatype upperTriangleByColumns(int order) {
        Datatype[] columns = IntStream.range(0, order).mapToObj(r -> Datatype.Vector(r + 1, 1, order, MPI.INT))
            .toArray(Datatype[]::new);
        int[] ones = new int[order];
        Arrays.fill(ones, 1);
        return Datatype.Struct(ones, IntStream.range(0, order).toArray(), columns);
    }

    private static double[] matrix(int rank, int rows, int columns) {
        return IntStream.range(0, rows * columns).mapToDouble(i -> rank * 100 + i / 2.0).toArray();
    }

    private static double[] transpose(double[] matrix, int rows, int columns) {
        double[] transposed = new double[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                transposed[c * rows + r] = matrix[r * columns + c];
            }
        }
        return transposed;
    }
}
