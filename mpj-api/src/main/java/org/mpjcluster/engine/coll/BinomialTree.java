package org.mpjcluster.engine.coll;

/**
 * A binomial tree over the ranks of a communicator, rooted at {@code root}, in ranks relative to
 * the root ({@code (rank - root) mod size}). Relative rank {@code v} is the parent of
 * {@code v + m} for every power of two {@code m} below the lowest set bit of {@code v} (below
 * {@code size} for the root), and the subtree of a child {@code v + m} is the relative ranks
 * {@code [v + m, v + 2m)}, so every subtree is a range of relative ranks.
 */
final class BinomialTree {

    private final int size;
    private final int root;
    private final int self;
    private final int span;

    BinomialTree(int size, int root, int rank) {
        this.size = size;
        this.root = root;
        this.self = Math.floorMod(rank - root, size);
        this.span = self == 0 ? ceilingPowerOfTwo(size) : Integer.lowestOneBit(self);
    }

    static int ceilingPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** The calling rank's relative rank. */
    int self() {
        return self;
    }

    /** Whether the calling rank is the root. */
    boolean isRoot() {
        return self == 0;
    }

    /** The communicator rank of relative rank {@code relative}. */
    int rank(int relative) {
        return (relative + root) % size;
    }

    /** The communicator rank of the parent (not for the root). */
    int parent() {
        return rank(self & (self - 1));
    }

    /** One past the last relative rank of the calling rank's subtree. */
    int subtreeEnd() {
        return Math.min(self + span, size);
    }

    /** The relative ranks of the children, nearest first. */
    int[] children() {
        int count = 0;
        for (int m = 1; m < span && self + m < size; m <<= 1) {
            count++;
        }
        int[] children = new int[count];
        for (int i = 0; i < count; i++) {
            children[i] = self + (1 << i);
        }
        return children;
    }

    /** One past the last relative rank of the subtree of child {@code child}. */
    int subtreeEnd(int child) {
        return Math.min(child + (child - self), size);
    }
}
