package org.mpjcluster.engine.coll;

import java.util.Arrays;
import org.mpjcluster.engine.data.MessageBuffer;

/** The Reduce_scatter algorithms: rank {@code i} gets the reduction of part {@code i} of everyone's data. */
final class ReduceScatter {

    private ReduceScatter() {
    }

    /**
     * Recursive halving (see {@link RecursiveHalving}) for commutative operations; a rank that sat
     * out gets its part from the rank that took its data.
     */
    static void recursiveHalving(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv,
                                 int[] counts) {
        int[] starts = Sizes.starts(counts);
        int rank = channel.rank;
        Items result = Scratch.items(Scratch.WORK, reduction.layout(), starts[channel.size]);
        RecursiveHalving halving = new RecursiveHalving(channel, reduction, starts);
        halving.reduce(Items.of(send), result);
        Fold fold = halving.fold();
        if (fold.sitsOut(rank)) {
            channel.receiveNow(recv, rank + 1);
            return;
        }
        if (fold.absorbs(rank)) {
            channel.sendNow(result.slice(starts[rank - 1], counts[rank - 1]), rank - 1);
        }
        Items.copy(result, starts[rank], Items.of(recv), 0, counts[rank]);
    }

    /**
     * Ring, for commutative operations: in step {@code s} each rank combines its own data for part
     * {@code r - s - 2} with the partial result the previous rank passes on, and passes the new
     * partial result on; the last step combines part {@code r} straight into the receive buffer.
     * Every rank sends and receives {@code (p - 1) / p} of the data and keeps only two parts of
     * scratch space.
     */
    static void ring(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv, int[] counts) {
        int size = channel.size;
        int rank = channel.rank;
        int[] starts = Sizes.starts(counts);
        int largest = 0;
        for (int count : counts) {
            largest = Math.max(largest, count);
        }
        Items mine = Items.of(send);
        Items incoming = Scratch.items(Scratch.INCOMING, reduction.layout(), largest);
        Items passing = Scratch.items(Scratch.SPARE, reduction.layout(), largest);
        int right = (rank + 1) % size;
        int left = Math.floorMod(rank - 1, size);
        for (int step = 0; step < size - 1; step++) {
            int outgoing = Math.floorMod(rank - step - 1, size);
            int arriving = Math.floorMod(rank - step - 2, size);
            MessageBuffer partial = step == 0 ? mine.slice(starts[outgoing], counts[outgoing])
                : passing.slice(0, counts[outgoing]);
            channel.exchange(partial, right, incoming.slice(0, counts[arriving]), left);
            Items target = step == size - 2 ? Items.of(recv) : passing;
            reduction.combine(incoming, 0, mine, starts[arriving], target, 0, counts[arriving]);
        }
    }

    /**
     * For non-commutative operations: a binomial reduce to rank 0 in rank order, then rank 0
     * scatters the parts.
     */
    static void reduceThenScatter(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv,
                                  int[] counts) {
        int[] starts = Sizes.starts(counts);
        Items whole = Scratch.items(Scratch.SPARE, reduction.layout(), starts[channel.size]);
        Reducing.binomial(channel, reduction, send, whole.slice(0, starts[channel.size]), 0);
        RankBlocks parts = new RankBlocks(whole.array(), whole.offset(), reduction.layout(), counts,
            Arrays.copyOf(starts, channel.size));
        Gathering.linearScatter(channel, parts, recv, 0);
    }
}
