package org.mpjcluster.mpi;

import mpi.MPI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reduce, Allreduce, Reduce_scatter, Scan and Exscan give every rank the combination, in rank
 * order, of the right ranks' data, for every predefined operation on every type it applies to
 * (MAXLOC and MINLOC on pairs, with ties going to the lower index) and for user-defined operations,
 * commutative or not, at any number of ranks, with few items or many, and with each algorithm.
 */
class ReductionTest {

    private static final int SEND_OFFSET = 1;
    private static final int RECV_OFFSET = 3;
    private static final int TAIL = 2;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void reduceCombinesEveryRanksDataAtTheRoot(int size) throws Exception {
        check(size, ReductionTest::reduce);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void allreduceGivesEveryRankTheCombination(int size) throws Exception {
        check(size, ReductionTest::allreduce);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void reduceScatterGivesEachRankItsPartOfTheCombination(int size) throws Exception {
        check(size, ReductionTest::reduceScatter);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void scanGivesEachRankTheCombinationUpToItself(int size) throws Exception {
        check(size, ReductionTest::scan);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void exscanGivesEachRankTheCombinationOfTheRanksBeforeIt(int size) throws Exception {
        check(size, ReductionTest::exscan);
    }

    private static void check(int size, Regime.Scenario<OpCase> scenario) throws InterruptedException {
        Regime.checkEveryRegime(size, OpCase.ALL, OpCase.REPRESENTATIVE, OpCase::largeItems, scenario);
    }

    private static String reduce(OpCase c, int n, int rank, int size) {
        int root = size - 1;
        Object recv = rank == root ? c.elements().blank(RECV_OFFSET + n * c.itemSize() + TAIL) : null;
        MPI.COMM_WORLD.Reduce(c.placed(rank, n, SEND_OFFSET, TAIL), SEND_OFFSET, recv, RECV_OFFSET, n, c.type(), c.op(),
            root);
        return rank != root ? ElementType.AS_EXPECTED : ElementType.compare(c.prefix(size, n, RECV_OFFSET, TAIL), recv);
    }

    private static String allreduce(OpCase c, int n, int rank, int size) {
        Object recv = c.elements().blank(RECV_OFFSET + n * c.itemSize() + TAIL);
        MPI.COMM_WORLD.Allreduce(c.placed(rank, n, SEND_OFFSET, TAIL), SEND_OFFSET, recv, RECV_OFFSET, n, c.type(),
            c.op());
        return ElementType.compare(c.prefix(size, n, RECV_OFFSET, TAIL), recv);
    }

    private static String reduceScatter(OpCase c, int n, int rank, int size) {
        int[] counts = new int[size];
        int total = 0;
        for (int r = 0; r < size; r++) {
            counts[r] = r % 4 == 1 ? 0 : Math.max(1, n / size) + r % 3;
            total += counts[r];
        }
        int before = 0;
        for (int r = 0; r < rank; r++) {
            before += counts[r];
        }
        Object recv = c.elements().blank(RECV_OFFSET + counts[rank] * c.itemSize() + TAIL);
        MPI.COMM_WORLD.Reduce_scatter(c.placed(rank, total, SEND_OFFSET, TAIL), SEND_OFFSET, recv, RECV_OFFSET, counts,
            c.type(), c.op());
        Object all = c.prefix(size, total, 0, 0);
        Object expected = c.elements().blank(RECV_OFFSET + counts[rank] * c.itemSize() + TAIL);
        System.arraycopy(all, before * c.itemSize(), expected, RECV_OFFSET, counts[rank] * c.itemSize());
        return ElementType.compare(expected, recv);
    }

    private static String scan(OpCase c, int n, int rank, int size) {
        Object recv = c.elements().blank(RECV_OFFSET + n * c.itemSize() + TAIL);
        MPI.COMM_WORLD.Scan(c.placed(rank, n, SEND_OFFSET, TAIL), SEND_OFFSET, recv, RECV_OFFSET, n, c.type(), c.op());
        return ElementType.compare(c.prefix(rank + 1, n, RECV_OFFSET, TAIL), recv);
    }

    private static String exscan(OpCase c, int n, int rank, int size) {
        Object recv = c.elements().blank(RECV_OFFSET + n * c.itemSize() + TAIL);
        MPI.COMM_WORLD.Exscan(c.placed(rank, n, SEND_OFFSET, TAIL), SEND_OFFSET, recv, RECV_OFFSET, n, c.type(), c.op());
        Object expected = rank == 0 ? c.elements().blank(RECV_OFFSET + n * c.itemSize() + TAIL)
            : c.prefix(rank, n, RECV_OFFSET, TAIL);
        return ElementType.compare(expected, recv);
    }
}
