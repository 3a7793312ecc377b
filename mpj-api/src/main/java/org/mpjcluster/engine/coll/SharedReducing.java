package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Crossing;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * Allreduce on a communicator whose ranks all live in this JVM, shared out at its {@link Crossing}:
 * every rank reads every rank's data where it lies, so nothing passes through messages or scratch
 * arrays, and every rank combines in rank order ({@code d0 op (d1 op (... op dp-1))}), so any
 * operation applies as MPI defines it and every rank gets the same bits.
 */
final class SharedReducing {

    /**
     * Items combined at a time when a rank folds several ranks' shares together and hands the
     * result out: few enough that the block stays in the core's first-level cache between passes.
     */
    private static final int BLOCK_ELEMENTS = 2048;

    /** What one rank brings to a large allreduce. */
    private record Part(MessageBuffer send, MessageBuffer recv) {
    }

    private SharedReducing() {
    }

    /**
     * Small data: each rank shows a copy of its data (so that it may return as soon as it has read
     * the others', while they still read its copy) and combines all the copies into its own
     * {@code recv}. One arrival per call.
     */
    static void allreduceSmall(String call, Crossing crossing, Communicator communicator, Reduction reduction,
                               MessageBuffer send, MessageBuffer recv) {
        int count = send.count();
        Items copy = Items.room(send.layout(), count, send.kind()::newArray);
        Items.copy(Items.of(send), 0, copy, 0, count);
        long arrival = crossing.arrive(communicator.engine(), communicator.rank(), copy.slice(0, count));
        int size = communicator.size();
        InMemory.agreedCount(call, size, rank -> (MessageBuffer) crossing.shown(arrival, rank));
        combine(reduction, size, rank -> Items.of((MessageBuffer) crossing.shown(arrival, rank)), 0, Items.of(recv), 0,
            count);
    }

    /**
     * Large data: each rank shows its {@code send} and {@code recv}, reduces its share of the items
     * straight from every rank's {@code send} and writes the result into every rank's {@code recv};
     * a second arrival keeps every rank in the call until all have done so. Each rank reads and
     * writes about as much as one copy of the data.
     */
    static void allreduceLarge(String call, Crossing crossing, Communicator communicator, Reduction reduction,
                               MessageBuffer send, MessageBuffer recv) {
        int rank = communicator.rank();
        int size = communicator.size();
        long arrival = crossing.arrive(communicator.engine(), rank, new Part(send, recv));
        Part[] parts = new Part[size];
        for (int other = 0; other < size; other++) {
            parts[other] = (Part) crossing.shown(arrival, other);
        }
        int count = InMemory.agreedCount(call, size, other -> parts[other].send());
        int[] shares = Sizes.balanced(count, size);
        Items mine = Items.of(recv);
        int block = Math.max(1, BLOCK_ELEMENTS / Math.max(1, reduction.layout().size()));
        for (int first = shares[rank]; first < shares[rank + 1]; first += block) {
            int length = Math.min(block, shares[rank + 1] - first);
            combine(reduction, size, other -> Items.of(parts[other].send()), first, mine, first, length);
            for (int other = 0; other < size; other++) {
                if (other != rank) {
                    Items.copy(mine, first, Items.of(parts[other].recv()), first, length);
                }
            }
        }
        crossing.arrive(communicator.engine(), rank, null);
    }

    /** The items of one rank's data. */
    @FunctionalInterface
    private interface DataOf {
        Items of(int rank);
    }

    /** Combines {@code count} items from item {@code first} of every rank's data, in rank order, into {@code out}. */
    private static void combine(Reduction reduction, int size, DataOf data, int first, Items out, int outItem,
                                int count) {
        if (size == 1) {
            Items.copy(data.of(0), first, out, outItem, count);
            return;
        }
        reduction.combine(data.of(size - 2), first, data.of(size - 1), first, out, outItem, count);
        for (int rank = size - 3; rank >= 0; rank--) {
            reduction.combine(data.of(rank), first, out, outItem, count);
        }
    }
}
