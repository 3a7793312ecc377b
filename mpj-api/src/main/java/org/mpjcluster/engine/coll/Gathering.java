package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * Gather and scatter: binomial trees for small blocks of equal size, and messages straight between
 * the root and every rank for large blocks and for blocks of different sizes (Gatherv, Scatterv),
 * where only the root knows the sizes. Blocks in flight through a tree travel as base elements in
 * scratch space, since only the root knows the receive (or send) datatype.
 */
final class Gathering {

    private Gathering() {
    }

    /**
     * Binomial gather: each rank collects the blocks of its subtree (a range of relative ranks)
     * and passes them to its parent in one message. {@code recv} is significant only at the root.
     */
    static void binomialGather(Channel channel, MessageBuffer send, RankBlocks recv, int root) {
        BinomialTree tree = new BinomialTree(channel.size, root, channel.rank);
        int subtree = tree.subtreeEnd() - tree.self();
        if (subtree == 1 && !tree.isRoot()) {
            channel.sendNow(send, tree.parent());
            return;
        }
        int block = tree.isRoot() ? recv.elements(root) : send.elementCount();
        Items held = Scratch.elements(Scratch.WORK, send.kind(), subtree * block);
        channel.copy(send, held.slice(0, block));
        for (int child : tree.children()) {
            int first = child - tree.self();
            channel.receive(held.slice(first * block, (tree.subtreeEnd(child) - child) * block), tree.rank(child));
        }
        channel.awaitAll();
        if (!tree.isRoot()) {
            channel.sendNow(held.slice(0, subtree * block), tree.parent());
            return;
        }
        for (int relative = 0; relative < channel.size; relative++) {
            channel.copy(held.slice(relative * block, block), recv.block(tree.rank(relative)));
        }
    }

    /** Each rank sends its block straight to the root, which receives every block in place. */
    static void linearGather(Channel channel, MessageBuffer send, RankBlocks recv, int root) {
        if (channel.rank != root) {
            channel.sendNow(send, root);
            return;
        }
        for (int step = 1; step < channel.size; step++) {
            int source = (root + step) % channel.size;
            channel.receive(recv.block(source), source);
        }
        channel.copy(send, recv.block(root));
        channel.awaitAll();
    }

    /**
     * Binomial scatter: the root orders the blocks by relative rank, and each rank passes on to
     * each child the blocks of the child's subtree in one message. {@code send} is significant only
     * at the root.
     */
    static void binomialScatter(Channel channel, RankBlocks send, MessageBuffer recv, int root) {
        BinomialTree tree = new BinomialTree(channel.size, root, channel.rank);
        int subtree = tree.subtreeEnd() - tree.self();
        if (subtree == 1 && !tree.isRoot()) {
            channel.receiveNow(recv, tree.parent());
            return;
        }
        PrimitiveKind kind = recv.kind();
        int block = tree.isRoot() ? send.elements(root) : recv.elementCount();
        Items held = Scratch.elements(Scratch.WORK, kind, subtree * block);
        if (tree.isRoot()) {
            for (int relative = 0; relative < channel.size; relative++) {
                channel.copy(send.block(tree.rank(relative)), held.slice(relative * block, block));
            }
        } else {
            channel.receiveNow(held.slice(0, subtree * block), tree.parent());
        }
        int[] children = tree.children();
        for (int i = children.length - 1; i >= 0; i--) {
            int child = children[i];
            int first = child - tree.self();
            channel.send(held.slice(first * block, (tree.subtreeEnd(child) - child) * block), tree.rank(child));
        }
        channel.copy(held.slice(0, block), recv);
        channel.awaitAll();
    }

    /** The root sends every block straight from its buffer to its rank. */
    static void linearScatter(Channel channel, RankBlocks send, MessageBuffer recv, int root) {
        if (channel.rank != root) {
            channel.receiveNow(recv, root);
            return;
        }
        for (int step = 1; step < channel.size; step++) {
            int destination = (root + step) % channel.size;
            channel.send(send.block(destination), destination);
        }
        channel.copy(send.block(root), recv);
        channel.awaitAll();
    }
}
