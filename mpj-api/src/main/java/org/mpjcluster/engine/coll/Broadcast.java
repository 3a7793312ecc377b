package org.mpjcluster.engine.coll;

import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;

/** The broadcast algorithms. */
final class Broadcast {

    private Broadcast() {
    }

    /**
     * Binomial tree: each rank receives the whole buffer from its parent and passes it on to its
     * children, farthest first; {@code ceil(log2 p)} steps. The payload is made once (packed or
     * serialized) for all children.
     */
    static void binomial(Channel channel, MessageBuffer buffer, int root) {
        BinomialTree tree = new BinomialTree(channel.size, root, channel.rank);
        if (!tree.isRoot()) {
            channel.receiveNow(buffer, tree.parent());
        }
        int[] children = tree.children();
        if (children.length == 0) {
            return;
        }
        Payload payload = buffer.payload();
        for (int i = children.length - 1; i >= 0; i--) {
            channel.send(payload, buffer.elementCount(), tree.rank(children[i]));
        }
        channel.awaitAll();
    }

    /**
     * Scatter then allgather (van de Geijn): the data is cut into one part per rank, the root
     * scatters the parts down a binomial tree, and a ring allgather gives every rank every part.
     * The data no longer flows down {@code log2 p} levels one after the other: each rank receives
     * about twice the data, in parts that move between many pairs of ranks at once.
     * Parts are cut in base elements, so the ranks may use different datatypes of the same
     * signature; data that is not contiguous is packed into scratch space first.
     */
    static void scatterAllgather(Channel channel, MessageBuffer buffer, int root) {
        PrimitiveKind kind = buffer.kind();
        int elements = buffer.elementCount();
        boolean direct = buffer.layout().isContiguous();
        Items work = direct ? Items.elements(kind, buffer.array(), buffer.offset())
            : Scratch.elements(Scratch.WORK, kind, elements);
        BinomialTree tree = new BinomialTree(channel.size, root, channel.rank);
        if (!direct && tree.isRoot()) {
            channel.copy(buffer, work.slice(0, elements));
        }
        int[] starts = Sizes.balanced(elements, channel.size);
        scatterParts(channel, tree, work, starts);
        ringAllgatherParts(channel, tree, work, starts);
        if (!direct && !tree.isRoot()) {
            channel.copy(work.slice(0, elements), buffer);
        }
    }

    /** Gives each relative rank the parts of its subtree, part {@code j} going to relative rank {@code j}. */
    private static void scatterParts(Channel channel, BinomialTree tree, Items work, int[] starts) {
        if (!tree.isRoot()) {
            channel.receiveNow(parts(work, starts, tree.self(), tree.subtreeEnd()), tree.parent());
        }
        int[] children = tree.children();
        for (int i = children.length - 1; i >= 0; i--) {
            int child = children[i];
            channel.send(parts(work, starts, child, tree.subtreeEnd(child)), tree.rank(child));
        }
        channel.awaitAll();
    }

    /** Passes parts around the ring of relative ranks until every rank has all of them. */
    private static void ringAllgatherParts(Channel channel, BinomialTree tree, Items work, int[] starts) {
        int size = channel.size;
        int self = tree.self();
        int right = tree.rank((self + 1) % size);
        int left = tree.rank((self - 1 + size) % size);
        for (int step = 0; step < size - 1; step++) {
            int outgoing = Math.floorMod(self - step, size);
            int incoming = Math.floorMod(self - step - 1, size);
            channel.exchange(parts(work, starts, outgoing, outgoing + 1), right,
                parts(work, starts, incoming, incoming + 1), left);
        }
    }

    private static MessageBuffer parts(Items work, int[] starts, int first, int end) {
        return work.slice(starts[first], starts[end] - starts[first]);
    }
}
