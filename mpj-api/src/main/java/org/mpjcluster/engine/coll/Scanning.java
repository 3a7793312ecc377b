package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;

/** Inclusive and exclusive prefix reductions (Scan, Exscan). */
final class Scanning {

    private Scanning() {
    }

    /**
     * Recursive doubling: in step {@code k} each rank exchanges the reduction over its aligned
     * range of {@code 2^k} ranks with the rank whose rank differs in bit {@code k}; data from a
     * lower range is added to both the range's reduction and the rank's prefix. Lower ranks are
     * always the left operand, so any operation applies in rank order; {@code ceil(log2 p)} steps.
     * Exclusive: rank 0's receive buffer is left as it was.
     */
    static void recursiveDoubling(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv,
                                  boolean exclusive) {
        int count = send.count();
        int rank = channel.rank;
        Items prefix = Items.of(recv);
        Items range = Scratch.items(Scratch.WORK, reduction.layout(), count);
        Items incoming = Scratch.items(Scratch.INCOMING, reduction.layout(), count);
        Items.copy(Items.of(send), 0, range, 0, count);
        boolean started = !exclusive;
        if (started) {
            Items.copy(Items.of(send), 0, prefix, 0, count);
        }
        for (int mask = 1; mask < channel.size; mask <<= 1) {
            int partner = rank ^ mask;
            if (partner >= channel.size) {
                continue;
            }
            channel.exchange(range.slice(0, count), partner, incoming.slice(0, count), partner);
            if (partner < rank) {
                reduction.combine(incoming, 0, range, 0, count);
                if (started) {
                    reduction.combine(incoming, 0, prefix, 0, count);
                } else {
                    Items.copy(incoming, 0, prefix, 0, count);
                    started = true;
                }
            } else if (reduction.isCommutative()) {
                reduction.combine(incoming, 0, range, 0, count);
            } else {
                reduction.combine(range, 0, incoming, 0, count);
                Items combined = incoming;
                incoming = range;
                range = combined;
            }
        }
    }
}
