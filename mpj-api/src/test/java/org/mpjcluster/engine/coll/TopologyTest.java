package org.mpjcluster.engine.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shapes the algorithms rely on hold for every communicator size up to 33 and every root:
 * binomial subtrees are ranges of relative ranks that partition the ranks, and the fold maps the
 * ranks onto a power of two with ranges of ranks per new rank.
 */
class TopologyTest {

    static IntStream sizes() {
        return IntStream.rangeClosed(1, 33);
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("sizes")
    void binomialSubtreesAreRangesThatEachChildsParentCovers(int size) {
        for (int root = 0; root < size; root++) {
            int[] parentOf = new int[size];
            Arrays.fill(parentOf, -1);
            int[] subtreeSize = new int[size];
            for (int rank = 0; rank < size; rank++) {
                BinomialTree tree = new BinomialTree(size, root, rank);
                subtreeSize[rank] = tree.subtreeEnd() - tree.self();
                int covered = 1;
                for (int child : tree.children()) {
                    assertEquals(covered + tree.self(), child, "children follow each other's subtrees");
                    parentOf[tree.rank(child)] = rank;
                    covered += tree.subtreeEnd(child) - child;
                }
                assertEquals(subtreeSize[rank], covered, "the children's subtrees fill the subtree");
            }
            assertEquals(size, subtreeSize[root], "the root's subtree is every rank");
            for (int rank = 0; rank < size; rank++) {
                BinomialTree tree = new BinomialTree(size, root, rank);
                if (!tree.isRoot()) {
                    assertEquals(tree.parent(), parentOf[rank], "rank " + rank + " is its parent's child");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("sizes")
    void theFoldGivesEveryNewRankARangeOfRanks(int size) {
        Fold fold = new Fold(size);
        int[] newRanks = IntStream.range(0, size).filter(rank -> !fold.sitsOut(rank)).map(fold::newRank).toArray();
        assertArrayEquals(IntStream.range(0, fold.pof2).toArray(), newRanks);
        for (int newRank = 0; newRank < fold.pof2; newRank++) {
            int rank = fold.rank(newRank);
            assertEquals(newRank, fold.newRank(rank));
            int first = fold.firstRank(newRank);
            int end = fold.firstRank(newRank + 1);
            assertEquals(fold.absorbs(rank) ? 2 : 1, end - first);
            assertEquals(end - 1, rank, "a new rank's rank is the last of its range");
        }
        assertEquals(size, fold.firstRank(fold.pof2));
    }

    @ParameterizedTest(name = "{0} parts")
    @MethodSource("sizes")
    void balancedPartsDifferByAtMostOneItem(int parts) {
        for (int total : new int[] {0, 1, parts - 1, parts, 7 * parts + 3}) {
            int[] starts = Sizes.balanced(total, parts);
            assertEquals(0, starts[0]);
            assertEquals(total, starts[parts]);
            int[] lengths = IntStream.range(0, parts).map(i -> starts[i + 1] - starts[i]).toArray();
            assertEquals(total / parts + (total % parts == 0 ? 0 : 1), Arrays.stream(lengths).max().orElseThrow());
            assertEquals(total / parts, Arrays.stream(lengths).min().orElseThrow());
        }
    }
}
