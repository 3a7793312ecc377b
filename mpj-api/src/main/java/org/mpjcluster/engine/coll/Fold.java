package org.mpjcluster.engine.coll;

/**
 * The ranks of a communicator folded onto the largest power of two not above its size, for
 * recursive halving and doubling: of the first {@code 2 * rem} ranks ({@code rem = size - pof2}),
 * each even rank hands its data to the odd rank after it and sits out, and the others take the
 * new ranks {@code 0..pof2-1} in rank order. New rank {@code i} stands for the ranks from
 * {@link #firstRank(int) firstRank(i)} to {@code firstRank(i + 1) - 1}, so a range of new ranks
 * stands for a range of ranks.
 */
final class Fold {

    /** The largest power of two not above the size. */
    final int pof2;
    private final int rem;

    Fold(int size) {
        this.pof2 = Integer.highestOneBit(size);
        this.rem = size - pof2;
    }

    /** Whether {@code rank} hands its data to the next rank and sits out. */
    boolean sitsOut(int rank) {
        return rank < 2 * rem && rank % 2 == 0;
    }

    /** Whether {@code rank} takes the data of the rank before it. */
    boolean absorbs(int rank) {
        return rank < 2 * rem && rank % 2 == 1;
    }

    /** The new rank of {@code rank}, which must not sit out. */
    int newRank(int rank) {
        return rank < 2 * rem ? rank / 2 : rank - rem;
    }

    /** The rank that has new rank {@code newRank}. */
    int rank(int newRank) {
        return newRank < rem ? 2 * newRank + 1 : newRank + rem;
    }

    /** The first rank new rank {@code newRank} stands for; {@code firstRank(pof2)} is the size. */
    int firstRank(int newRank) {
        return newRank < rem ? 2 * newRank : newRank + rem;
    }
}
