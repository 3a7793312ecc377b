package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.CartParms;
import mpi.Cartcomm;
import mpi.GraphParms;
import mpi.Graphcomm;
import mpi.MPI;
import mpi.ShiftParms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cartesian and graph topologies: coordinates, ranks, shifts (periodic and not), sub-grids, maps
 * and neighbours on every rank against arithmetic done here; Dims_create against known answers;
 * and misuse.
 */
class TopologyTest {

    private static final int TAG = 3;

    @ParameterizedTest(name = "{0} ranks, periodic {1}")
    @MethodSource("sizesAndPeriodicity")
    void gridCoordinatesRanksAndShiftsMatchRowMajorArithmetic(int size, boolean periodic) throws Exception {
        int[] dims = {0, 0};
        Cartcomm.Dims_create(size, dims);
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Cartcomm grid = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {periodic, periodic}, false);
            CartParms parms = grid.Get();
            List<String> log = new ArrayList<>();
            log.add("topology " + grid.Topo_test() + " dims " + Arrays.toString(parms.dims) + " periods "
                + Arrays.toString(parms.periods) + " coords " + Arrays.toString(parms.coords));
            log.add("rank of coords " + grid.Rank(parms.coords) + " coords of rank " + Arrays.toString(grid.Coords(grid.Rank())));
            for (int direction = 0; direction < 2; direction++) {
                for (int disp : new int[] {1, -1, 2}) {
                    ShiftParms shift = grid.Shift(direction, disp);
                    log.add("shift " + direction + " by " + disp + ": " + shift.rank_source + " -> " + shift.rank_dest);
                }
            }
            ShiftParms down = grid.Shift(0, 1);
            int[] received = {-9};
            grid.Sendrecv(new int[] {grid.Rank()}, 0, 1, MPI.INT, down.rank_dest, TAG,
                received, 0, 1, MPI.INT, down.rank_source, TAG);
            log.add("received " + received[0]);
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> {
            int rows = dims[0];
            int cols = dims[1];
            int[] coords = {rank / cols, rank % cols};
            List<String> log = new ArrayList<>();
            log.add("topology " + MPI.CART + " dims " + Arrays.toString(dims) + " periods ["
                + periodic + ", " + periodic + "] coords " + Arrays.toString(coords));
            log.add("rank of coords " + rank + " coords of rank " + Arrays.toString(coords));
            for (int direction = 0; direction < 2; direction++) {
                for (int disp : new int[] {1, -1, 2}) {
                    log.add("shift " + direction + " by " + disp + ": "
                        + neighbour(coords, dims, periodic, direction, -disp) + " -> "
                        + neighbour(coords, dims, periodic, direction, disp));
                }
            }
            int source = neighbour(coords, dims, periodic, 0, -1);
            log.add("received " + (source == MPI.PROC_NULL ? -9 : source));
            return log;
        }), seen);
    }

    static Stream<Arguments> sizesAndPeriodicity() {
        return IntStream.of(1, 2, 3, 4, 5, 8, 9).boxed()
            .flatMap(size -> Stream.of(Arguments.of(size, true), Arguments.of(size, false)));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void ranksOutsideTheGridGetNullAndSubGridsAreRowsOrColumns(int size) throws Exception {
        int cols = size > 2 ? 2 : 1;
        int rows = size / cols;
        List<String> seen = Jobs.onRanks(size, () -> {
            Cartcomm grid = MPI.COMM_WORLD.Create_cart(new int[] {rows, cols}, new boolean[] {false, true}, true);
            if (grid == null) {
                return "null";
            }
            Cartcomm row = grid.Sub(new boolean[] {false, true});
            Cartcomm column = grid.Sub(new boolean[] {true, false});
            Cartcomm point = grid.Sub(new boolean[] {false, false});
            return "row " + CommunicatorTest.members(row) + " " + Arrays.toString(row.Get().dims) + " "
                + CommunicatorTest.ringPass(row, Peers.rank()) + " | column " + CommunicatorTest.members(column)
                + " " + Arrays.toString(column.Get().periods) + " " + CommunicatorTest.ringPass(column, Peers.rank())
                + " | point " + point.Size() + " " + point.Get().dims.length
                + " | map " + grid.Map(new int[] {1, cols}, new boolean[] {false, false})
                + " | dup " + Arrays.toString(((Cartcomm) grid.clone()).Coords(grid.Rank()));
        });

        assertEquals(Jobs.expected(size, rank -> {
            if (rank >= rows * cols) {
                return "null";
            }
            List<Integer> row = IntStream.range(0, cols).map(c -> rank / cols * cols + c).boxed().toList();
            List<Integer> column = IntStream.range(0, rows).map(r -> r * cols + rank % cols).boxed().toList();
            int inRow = row.indexOf(rank);
            int inColumn = column.indexOf(rank);
            return "row size " + cols + ", rank " + inRow + ", members " + row + " [" + cols + "] received "
                + row.get(Math.floorMod(inRow - 1, cols)) + " | column size " + rows + ", rank " + inColumn
                + ", members " + column + " [false] received " + column.get(Math.floorMod(inColumn - 1, rows))
                + " | point 1 0 | map " + (rank < cols ? rank : MPI.UNDEFINED)
                + " | dup [" + rank / cols + ", " + rank % cols + "]";
        }), seen);
    }

    /** A star around node 0 whose other nodes also form a ring; every edge goes both ways. */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void graphNeighboursFollowTheIndexAndEdges(int size) throws Exception {
        int nodes = Math.max(1, size - 1);
        int[] index = new int[nodes];
        List<Integer> edges = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            if (node == 0) {
                IntStream.range(1, nodes).forEach(edges::add);
            } else {
                int ring = nodes - 1;
                edges.add(0);
                edges.add(Math.floorMod(node - 2, ring) + 1);
                edges.add(node % ring + 1);
            }
            index[node] = edges.size();
        }
        int[] edgeArray = edges.stream().mapToInt(Integer::intValue).toArray();
        List<String> seen = Jobs.onRanks(size, () -> {
            Graphcomm graph = MPI.COMM_WORLD.Create_graph(index, edgeArray, false);
            if (graph == null) {
                return "null";
            }
            GraphParms parms = graph.Get();
            int[] neighbours = graph.Neighbours(graph.Rank());
            int sum = 0;
            for (int neighbour : neighbours) {
                graph.Send(new int[] {graph.Rank()}, 0, 1, MPI.INT, neighbour, TAG);
            }
            for (int neighbour : neighbours) {
                int[] value = new int[1];
                graph.Recv(value, 0, 1, MPI.INT, neighbour, TAG);
                sum += value[0];
            }
            return graph.Topo_test() + " " + Arrays.equals(parms.index, index) + " " + Arrays.equals(parms.edges, edgeArray)
                + " " + Arrays.toString(neighbours) + " sum " + sum + " map " + graph.Map(new int[] {0}, new int[0]);
        });

        assertEquals(Jobs.expected(size, rank -> {
            if (rank >= nodes) {
                return "null";
            }
            int[] neighbours = Arrays.copyOfRange(edgeArray, rank == 0 ? 0 : index[rank - 1], index[rank]);
            return MPI.GRAPH + " true true " + Arrays.toString(neighbours) + " sum " + IntStream.of(neighbours).sum()
                + " map " + (rank == 0 ? 0 : MPI.UNDEFINED);
        }), seen);
    }

    @Test
    void dimsCreateGivesMpisBalancedAnswers() {
        int[][][] table = {
            // {nnodes}, dims in, dims out
            {{6}, {0, 0}, {3, 2}},
            {{7}, {0, 0}, {7, 1}},
            {{6}, {0, 3, 0}, {2, 3, 1}},
            {{12}, {0, 0, 0}, {3, 2, 2}},
            {{16}, {0, 0}, {4, 4}},
            {{16}, {0, 0, 0, 0}, {2, 2, 2, 2}},
            {{24}, {0, 0, 0}, {4, 3, 2}},
            {{30}, {0, 0, 0}, {5, 3, 2}},
            {{32}, {0, 0, 0}, {4, 4, 2}},
            {{36}, {0, 0, 0}, {4, 3, 3}},
            {{100}, {0, 0, 0}, {5, 5, 4}},
            {{1}, {0, 0, 0}, {1, 1, 1}},
            {{9}, {0, 0}, {3, 3}},
            {{8}, {2, 0, 0}, {2, 2, 2}},
            {{8}, {0, 4}, {2, 4}},
            {{12}, {3, 4}, {3, 4}},
            {{5}, {0}, {5}},
            {{1024}, {0, 0, 0}, {16, 8, 8}},
            {{97}, {0, 0, 0}, {97, 1, 1}},
        };
        for (int[][] row : table) {
            int[] dims = row[1].clone();
            Cartcomm.Dims_create(row[0][0], dims);
            assertArrayEquals(row[2], dims, () -> "Dims_create(" + row[0][0] + ", " + Arrays.toString(row[1]) + ")");
        }
    }

    @Test
    void dimsCreateRejectsImpossibleRequests() {
        assertEquals(List.of(
                Errors.naming(MPI.ERR_DIMS, "Dims_create", "7"),
                Errors.naming(MPI.ERR_DIMS, "Dims_create", "12"),
                Errors.naming(MPI.ERR_DIMS, "Dims_create", "-2"),
                Errors.naming(MPI.ERR_DIMS, "Dims_create", "0"),
                Errors.naming(MPI.ERR_DIMS, "Dims_create", "null")),
            List.of(
                Errors.of(() -> Cartcomm.Dims_create(7, new int[] {0, 3, 0}), "Dims_create", "7"),
                Errors.of(() -> Cartcomm.Dims_create(12, new int[] {2, 3}), "Dims_create", "12"),
                Errors.of(() -> Cartcomm.Dims_create(4, new int[] {-2, 0}), "Dims_create", "-2"),
                Errors.of(() -> Cartcomm.Dims_create(0, new int[] {0}), "Dims_create", "0"),
                Errors.of(() -> Cartcomm.Dims_create(4, null), "Dims_create", "null")));
    }

    @Test
    void topologyMisuseRaisesTheRightErrorClassNamingTheCall() throws Exception {
        int size = 4;
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Cartcomm grid = MPI.COMM_WORLD.Create_cart(new int[] {2, 2}, new boolean[] {false, true}, false);
            Graphcomm ring = MPI.COMM_WORLD.Create_graph(new int[] {1, 2}, new int[] {1, 0}, false);
            return List.of(
                Errors.of(() -> MPI.COMM_WORLD.Create_cart(new int[] {2, 0}, new boolean[2], false), "Create_cart", "0"),
                Errors.of(() -> MPI.COMM_WORLD.Create_cart(new int[] {3, 2}, new boolean[2], false), "Create_cart", "6"),
                Errors.of(() -> MPI.COMM_WORLD.Create_cart(new int[] {2, 2}, new boolean[3], false), "Create_cart", "periods"),
                Errors.of(() -> grid.Coords(4), "Coords", "4"),
                Errors.of(() -> grid.Rank(new int[] {2, 0}), "Rank", "2"),
                Errors.of(() -> grid.Rank(new int[] {0}), "Rank", "coords"),
                Errors.of(() -> grid.Shift(2, 1), "Shift", "direction"),
                Errors.of(() -> grid.Sub(new boolean[] {true}), "Sub", "remain_dims"),
                "wraps " + grid.Rank(new int[] {1, -1}),
                Errors.of(() -> MPI.COMM_WORLD.Create_graph(new int[] {2, 1}, new int[] {1, 0}, false), "Create_graph", "index"),
                Errors.of(() -> MPI.COMM_WORLD.Create_graph(new int[] {1, 2}, new int[] {1, 5}, false), "Create_graph", "5"),
                Errors.of(() -> MPI.COMM_WORLD.Create_graph(new int[] {1, 3}, new int[] {1, 0}, false), "Create_graph", "edges"),
                Errors.of(() -> MPI.COMM_WORLD.Create_graph(new int[5], new int[0], false), "Create_graph", "5"),
                ring == null ? "not in ring" : Errors.of(() -> ring.Neighbours(2), "Neighbours", "2"));
        });

        assertEquals(Jobs.expected(size, rank -> List.of(
            Errors.naming(MPI.ERR_DIMS, "Create_cart", "0"),
            Errors.naming(MPI.ERR_DIMS, "Create_cart", "6"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Create_cart", "periods"),
            Errors.naming(MPI.ERR_RANK, "Coords", "4"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Rank", "2"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Rank", "coords"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Shift", "direction"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Sub", "remain_dims"),
            "wraps 3",
            Errors.naming(MPI.ERR_TOPOLOGY, "Create_graph", "index"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Create_graph", "5"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Create_graph", "edges"),
            Errors.naming(MPI.ERR_TOPOLOGY, "Create_graph", "5"),
            rank < 2 ? Errors.naming(MPI.ERR_RANK, "Neighbours", "2") : "not in ring")), seen);
    }

    /** The rank {@code disp} steps from {@code coords} along {@code direction}, computed here. */
    private static int neighbour(int[] coords, int[] dims, boolean periodic, int direction, int disp) {
        int[] moved = coords.clone();
        moved[direction] += disp;
        if (moved[direction] < 0 || moved[direction] >= dims[direction]) {
            if (!periodic) {
                return MPI.PROC_NULL;
            }
            moved[direction] = Math.floorMod(moved[direction], dims[direction]);
        }
        return moved[0] * dims[1] + moved[1];
    }
}
