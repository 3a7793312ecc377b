package org.mpjcluster.mpi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import mpi.Datatype;
import mpi.MPI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collectives that move data (Bcast, Gather(v), Scatter(v), Allgather(v), Alltoall(v)) put
 * every rank's items in the right place for every basic type, at any number of ranks, with any
 * root, few items or many, with each algorithm, and write nothing outside the blocks they fill.
 * Every rank checks its own result against a sequential computation of what it should hold.
 */
class CollectiveDataTest {

    private static final int SEND_OFFSET = 2;
    private static final int RECV_OFFSET = 3;
    private static final int TAIL = 2;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void bcastGivesEveryRankTheRootsItems(int size) throws Exception {
        check(size, CollectiveDataTest::bcast);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void gatherPutsEachRanksItemsInItsBlockAtTheRoot(int size) throws Exception {
        check(size, CollectiveDataTest::gather);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void gathervPutsBlocksOfEverySizeAtTheirDisplacements(int size) throws Exception {
        check(size, CollectiveDataTest::gatherv);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void scatterGivesEachRankItsBlock(int size) throws Exception {
        check(size, CollectiveDataTest::scatter);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void scattervGivesEachRankTheBlockAtItsDisplacement(int size) throws Exception {
        check(size, CollectiveDataTest::scatterv);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void allgatherGivesEveryRankEveryBlock(int size) throws Exception {
        check(size, CollectiveDataTest::allgather);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void allgathervGivesEveryRankEveryBlockAtItsDisplacement(int size) throws Exception {
        check(size, CollectiveDataTest::allgatherv);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void alltoallDeliversEachBlockToItsRank(int size) throws Exception {
        check(size, CollectiveDataTest::alltoall);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void alltoallvDeliversBlocksOfEverySizeBetweenEveryPair(int size) throws Exception {
        check(size, CollectiveDataTest::alltoallv);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void datatypesOfTheSameSignatureMatchAcrossRanks(int size) throws Exception {
        Regime.checkEveryRegime(size, List.of(ElementType.INT), ElementType::largeItems,
            CollectiveDataTest::pairsAgainstSingles);
    }

    private static void check(int size, Regime.Scenario<ElementType> scenario) throws InterruptedException {
        Regime.checkEveryRegime(size, ElementType.ALL, ElementType::largeItems, scenario);
    }

    // ---------------------------------------------------------------- scenarios

    private static String bcast(ElementType t, int n, int rank, int size) {
        int root = size - 1;
        Object expected = pattern(t, RECV_OFFSET, n, i -> seed(root, i));
        Object buffer = rank == root ? pattern(t, RECV_OFFSET, n, i -> seed(root, i)) : t.blank(RECV_OFFSET + n + TAIL);
        MPI.COMM_WORLD.Bcast(buffer, RECV_OFFSET, n, t.type(), root);
        return ElementType.compare(expected, buffer);
    }

    private static String gather(ElementType t, int n, int rank, int size) {
        int root = size / 2;
        Object send = pattern(t, SEND_OFFSET, n, i -> seed(rank, i));
        Object recv = rank == root ? t.blank(RECV_OFFSET + size * n + TAIL) : null;
        MPI.COMM_WORLD.Gather(send, SEND_OFFSET, n, t.type(), recv, RECV_OFFSET, n, t.type(), root);
        if (rank != root) {
            return ElementType.compare(pattern(t, SEND_OFFSET, n, i -> seed(rank, i)), send);
        }
        return ElementType.compare(blocks(t, uniform(n, size), RECV_OFFSET, CollectiveDataTest::seed), recv);
    }

    private static String gatherv(ElementType t, int n, int rank, int size) {
        int root = size - 1;
        int[][] layout = reversedWithGaps(varying(n, size));
        Object send = pattern(t, SEND_OFFSET, layout[0][rank], i -> seed(rank, i));
        Object recv = rank == root ? t.blank(RECV_OFFSET + layout[2][0] + TAIL) : null;
        MPI.COMM_WORLD.Gatherv(send, SEND_OFFSET, layout[0][rank], t.type(), recv, RECV_OFFSET,
            rank == root ? layout[0] : null, rank == root ? layout[1] : null, t.type(), root);
        if (rank != root) {
            return ElementType.compare(pattern(t, SEND_OFFSET, layout[0][rank], i -> seed(rank, i)), send);
        }
        return ElementType.compare(blocks(t, layout, RECV_OFFSET, CollectiveDataTest::seed), recv);
    }

    private static String scatter(ElementType t, int n, int rank, int size) {
        int root = 0;
        Object send = rank == root ? blocks(t, uniform(n, size), SEND_OFFSET, CollectiveDataTest::seed) : null;
        Object recv = t.blank(RECV_OFFSET + n + TAIL);
        MPI.COMM_WORLD.Scatter(send, SEND_OFFSET, n, t.type(), recv, RECV_OFFSET, n, t.type(), root);
        return ElementType.compare(pattern(t, RECV_OFFSET, n, i -> seed(rank, i)), recv);
    }

    private static String scatterv(ElementType t, int n, int rank, int size) {
        int root = size / 2;
        int[][] layout = reversedWithGaps(varying(n, size));
        Object send = rank == root ? blocks(t, layout, SEND_OFFSET, CollectiveDataTest::seed) : null;
        Object recv = t.blank(RECV_OFFSET + layout[0][rank] + TAIL);
        MPI.COMM_WORLD.Scatterv(send, SEND_OFFSET, rank == root ? layout[0] : null, rank == root ? layout[1] : null,
            t.type(), recv, RECV_OFFSET, layout[0][rank], t.type(), root);
        return ElementType.compare(pattern(t, RECV_OFFSET, layout[0][rank], i -> seed(rank, i)), recv);
    }

    private static String allgather(ElementType t, int n, int rank, int size) {
        Object send = pattern(t, SEND_OFFSET, n, i -> seed(rank, i));
        Object recv = t.blank(RECV_OFFSET + size * n + TAIL);
        MPI.COMM_WORLD.Allgather(send, SEND_OFFSET, n, t.type(), recv, RECV_OFFSET, n, t.type());
        return ElementType.compare(blocks(t, uniform(n, size), RECV_OFFSET, CollectiveDataTest::seed), recv);
    }

    private static String allgatherv(ElementType t, int n, int rank, int size) {
        int[][] layout = reversedWithGaps(varying(n, size));
        Object send = pattern(t, SEND_OFFSET, layout[0][rank], i -> seed(rank, i));
        Object recv = t.blank(RECV_OFFSET + layout[2][0] + TAIL);
        MPI.COMM_WORLD.Allgatherv(send, SEND_OFFSET, layout[0][rank], t.type(), recv, RECV_OFFSET, layout[0],
            layout[1], t.type());
        return ElementType.compare(blocks(t, layout, RECV_OFFSET, CollectiveDataTest::seed), recv);
    }

    private static String alltoall(ElementType t, int n, int rank, int size) {
        Object send = blocks(t, uniform(n, size), SEND_OFFSET, (to, i) -> seed(rank, to, i));
        Object recv = t.blank(RECV_OFFSET + size * n + TAIL);
        MPI.COMM_WORLD.Alltoall(send, SEND_OFFSET, n, t.type(), recv, RECV_OFFSET, n, t.type());
        return ElementType.compare(blocks(t, uniform(n, size), RECV_OFFSET, (from, i) -> seed(from, rank, i)), recv);
    }

    private static String alltoallv(ElementType t, int n, int rank, int size) {
        int[] sendCounts = new int[size];
        int[] recvCounts = new int[size];
        for (int peer = 0; peer < size; peer++) {
            sendCounts[peer] = pairCount(rank, peer, n);
            recvCounts[peer] = pairCount(peer, rank, n);
        }
        int[][] sendLayout = reversedWithGaps(sendCounts);
        int[][] recvLayout = inOrderWithGaps(recvCounts);
        Object send = blocks(t, sendLayout, SEND_OFFSET, (to, i) -> seed(rank, to, i));
        Object recv = t.blank(RECV_OFFSET + recvLayout[2][0] + TAIL);
        MPI.COMM_WORLD.Alltoallv(send, SEND_OFFSET, sendLayout[0], sendLayout[1], t.type(),
            recv, RECV_OFFSET, recvLayout[0], recvLayout[1], t.type());
        return ElementType.compare(blocks(t, recvLayout, RECV_OFFSET, (from, i) -> seed(from, rank, i)), recv);
    }

    /**
     * Bcast where the root sends {@code 2n} ints and the others receive {@code n} pairs of ints,
     * Gather of {@code 2n} ints into blocks of one item of {@code 2n} ints, and Allgather of one
     * such item into {@code 2n} ints: the counts differ, the type signatures agree.
     */
    private static String pairsAgainstSingles(ElementType t, int n, int rank, int size) {
        Datatype pair = Datatype.Contiguous(2, MPI.INT);
        pair.Commit();
        Datatype whole = Datatype.Contiguous(2 * n, MPI.INT);
        whole.Commit();
        int root = size - 1;
        Object bcast = rank == root ? pattern(t, RECV_OFFSET, 2 * n, i -> seed(root, i)) : t.blank(RECV_OFFSET + 2 * n + TAIL);
        MPI.COMM_WORLD.Bcast(bcast, RECV_OFFSET, rank == root ? 2 * n : n, rank == root ? MPI.INT : pair, root);
        Object gathered = t.blank(RECV_OFFSET + 2 * n * size + TAIL);
        MPI.COMM_WORLD.Gather(pattern(t, SEND_OFFSET, 2 * n, i -> seed(rank, i)), SEND_OFFSET, 2 * n, MPI.INT,
            gathered, RECV_OFFSET, 1, whole, 0);
        Object all = t.blank(RECV_OFFSET + 2 * n * size + TAIL);
        MPI.COMM_WORLD.Allgather(pattern(t, SEND_OFFSET, 2 * n, i -> seed(rank, i)), SEND_OFFSET, 1, whole,
            all, RECV_OFFSET, 2 * n, MPI.INT);
        Object everyBlock = blocks(t, uniform(2 * n, size), RECV_OFFSET, CollectiveDataTest::seed);
        Map<String, String> results = new LinkedHashMap<>();
        results.put("Bcast", ElementType.compare(pattern(t, RECV_OFFSET, 2 * n, i -> seed(root, i)), bcast));
        results.put("Gather", rank == 0 ? ElementType.compare(everyBlock, gathered) : ElementType.AS_EXPECTED);
        results.put("Allgather", ElementType.compare(everyBlock, all));
        results.values().removeIf(ElementType.AS_EXPECTED::equals);
        return results.isEmpty() ? ElementType.AS_EXPECTED : results.toString();
    }

    // ---------------------------------------------------------------- data

    /** The seed of item {@code i} of {@code rank}'s data. */
    private static int seed(int rank, int i) {
        return rank * 100_003 + i;
    }

    /** The seed of item {@code i} of the block {@code from} sends to {@code to}. */
    private static int seed(int from, int to, int i) {
        return (from * 64 + to) * 100_003 + i;
    }

    /** {@code n} items with the given seeds from {@code offset}, sentinels before and {@link #TAIL} after. */
    private static Object pattern(ElementType t, int offset, int n, IntUnaryOperator seedOf) {
        Object array = t.blank(offset + n + TAIL);
        for (int i = 0; i < n; i++) {
            t.set(array, offset + i, seedOf.applyAsInt(i));
        }
        return array;
    }

    /** Seeds of item {@code i} of the block of rank {@code rank}. */
    @FunctionalInterface
    private interface BlockSeeds {
        int seed(int rank, int i);
    }

    /** Blocks laid out as {@code layout} (counts, displacements, length) from {@code offset}. */
    private static Object blocks(ElementType t, int[][] layout, int offset, BlockSeeds seeds) {
        Object array = t.blank(offset + layout[2][0] + TAIL);
        for (int rank = 0; rank < layout[0].length; rank++) {
            for (int i = 0; i < layout[0][rank]; i++) {
                t.set(array, offset + layout[1][rank] + i, seeds.seed(rank, i));
            }
        }
        return array;
    }

    /** {@code n} items per rank, one block after the other: {counts, displacements, {length}}. */
    private static int[][] uniform(int n, int size) {
        int[] counts = new int[size];
        int[] displs = new int[size];
        for (int rank = 0; rank < size; rank++) {
            counts[rank] = n;
            displs[rank] = rank * n;
        }
        return new int[][] {counts, displs, {size * n}};
    }

    /** Block sizes around {@code n}, some empty. */
    private static int[] varying(int n, int size) {
        int[] counts = new int[size];
        for (int rank = 0; rank < size; rank++) {
            counts[rank] = rank % 4 == 1 ? 0 : n + rank % 3;
        }
        return counts;
    }

    private static int pairCount(int from, int to, int n) {
        return (from + 2 * to) % 4 == 1 ? 0 : n + (from + to) % 3;
    }

    /** The highest rank's block first, a free item before each block: {counts, displacements, {length}}. */
    private static int[][] reversedWithGaps(int[] counts) {
        int[] displs = new int[counts.length];
        int at = 0;
        for (int rank = counts.length - 1; rank >= 0; rank--) {
            displs[rank] = at + 1;
            at += counts[rank] + 1;
        }
        return new int[][] {counts, displs, {at}};
    }

    /** Blocks in rank order, two free items after each: {counts, displacements, {length}}. */
    private static int[][] inOrderWithGaps(int[] counts) {
        int[] displs = new int[counts.length];
        int at = 0;
        for (int rank = 0; rank < counts.length; rank++) {
            displs[rank] = at;
            at += counts[rank] + 2;
        }
        return new int[][] {counts, displs, {at}};
    }
}
