package org.mpjcluster.engine.coll;

/**
 * Reduce-scatter by recursive halving, the first half of Rabenseifner's algorithm, for commutative
 * operations on any number of ranks. The data is divided into one part per rank
 * ({@code [starts[i], starts[i + 1])}, in items). After the {@linkplain Fold fold}, in each step a
 * rank keeps half of the new ranks it is responsible for, sends its data for the other half to
 * its partner and combines what the partner sends for its own half; after {@code log2 pof2} steps
 * it holds the full reduction of the parts of the ranks its new rank stands for. Each rank sends
 * and receives about {@code n (pof2 - 1) / pof2} items, and combines as many.
 */
final class RecursiveHalving {

    private final Channel channel;
    private final Reduction reduction;
    private final Fold fold;
    private final int[] starts;

    RecursiveHalving(Channel channel, Reduction reduction, int[] starts) {
        this.channel = channel;
        this.reduction = reduction;
        this.fold = new Fold(channel.size);
        this.starts = starts;
    }

    /** The fold this reduce-scatter works on. */
    Fold fold() {
        return fold;
    }

    /**
     * Reduces {@code send} into {@code result}; returns the calling rank's new rank, whose parts of
     * {@code result} then hold the reduction of every rank's data, or -1 if the rank sat out (its
     * data went to the next rank and {@code result} is untouched). {@code send} is only read.
     */
    int reduce(Items send, Items result) {
        int rank = channel.rank;
        int total = starts[channel.size];
        if (fold.sitsOut(rank)) {
            channel.sendNow(send.slice(0, total), rank + 1);
            return -1;
        }
        Items incoming = Scratch.items(Scratch.INCOMING, reduction.layout(),
            fold.absorbs(rank) ? total : largestHalf());
        Items mine = send;
        if (fold.absorbs(rank)) {
            channel.receiveNow(incoming.slice(0, total), rank - 1);
            reduction.combine(incoming, 0, send, 0, result, 0, total);
            mine = result;
        }
        int newRank = fold.newRank(rank);
        int low = 0;
        int high = fold.pof2;
        for (int mask = fold.pof2 >> 1; mask > 0; mask >>= 1) {
            int partner = newRank ^ mask;
            int middle = low + mask;
            boolean lowerHalf = newRank < partner;
            int keepLow = lowerHalf ? low : middle;
            int keepHigh = lowerHalf ? middle : high;
            int giveLow = lowerHalf ? middle : low;
            int giveHigh = lowerHalf ? high : middle;
            int kept = first(keepLow);
            int keptCount = first(keepHigh) - kept;
            channel.exchange(mine.slice(first(giveLow), first(giveHigh) - first(giveLow)), fold.rank(partner),
                incoming.slice(0, keptCount), fold.rank(partner));
            reduction.combine(incoming, 0, mine, kept, result, kept, keptCount);
            mine = result;
            low = keepLow;
            high = keepHigh;
        }
        return newRank;
    }

    /** The first item of the parts new rank {@code newRank} stands for ({@code first(pof2)} is the total). */
    int first(int newRank) {
        return starts[fold.firstRank(newRank)];
    }

    private int largestHalf() {
        int half = fold.pof2 >> 1;
        return Math.max(first(half) - first(0), first(fold.pof2) - first(half));
    }
}
