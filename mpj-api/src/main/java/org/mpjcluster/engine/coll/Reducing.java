package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;

/** The Reduce and Allreduce algorithms. */
final class Reducing {

    private Reducing() {
    }

    /**
     * Binomial tree: each rank combines what its children send, nearest first, and sends the result
     * to its parent. Every subtree is a range of relative ranks, so with the tree rooted at rank 0
     * each combination is (lower ranks) op (higher ranks) and a non-commutative operation applies
     * in rank order; the result then goes from rank 0 to the root. A commutative operation uses the
     * tree rooted at the root. {@code recv} is significant only at the root.
     */
    static void binomial(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv, int root) {
        boolean commutative = reduction.isCommutative();
        int treeRoot = commutative ? root : 0;
        BinomialTree tree = new BinomialTree(channel.size, treeRoot, channel.rank);
        Items result = upTheTree(channel, reduction, tree, send, commutative && tree.isRoot() ? Items.of(recv) : null);
        if (commutative) {
            return;
        }
        if (channel.rank == treeRoot && root == treeRoot) {
            Items.copy(result, 0, Items.of(recv), 0, send.count());
        } else if (channel.rank == treeRoot) {
            channel.sendNow(result.slice(0, send.count()), root);
        } else if (channel.rank == root) {
            channel.receiveNow(recv, treeRoot);
        }
    }

    /**
     * Combines the data of the calling rank's subtree and sends it to the parent; at the root of
     * the tree, returns where the result is ({@code into} if not {@code null}). A leaf sends its
     * own buffer as it is.
     */
    private static Items upTheTree(Channel channel, Reduction reduction, BinomialTree tree, MessageBuffer send,
                                   Items into) {
        int[] children = tree.children();
        if (children.length == 0 && !tree.isRoot()) {
            channel.sendNow(send, tree.parent());
            return null;
        }
        int count = send.count();
        Items result = into != null ? into : Scratch.items(Scratch.WORK, reduction.layout(), count);
        Items incoming = Scratch.items(Scratch.INCOMING, reduction.layout(), count);
        Items.copy(Items.of(send), 0, result, 0, count);
        for (int child : children) {
            channel.receiveNow(incoming.slice(0, count), tree.rank(child));
            if (reduction.isCommutative()) {
                reduction.combine(incoming, 0, result, 0, count);
            } else {
                reduction.combine(result, 0, incoming, 0, count);
                Items combined = incoming;
                incoming = result;
                result = combined;
            }
        }
        if (tree.isRoot()) {
            return result;
        }
        channel.sendNow(result.slice(0, count), tree.parent());
        return null;
    }

    /**
     * Recursive doubling: after the fold, in step {@code k} each rank exchanges its partial result
     * with the rank whose new rank differs in bit {@code k}, so both then hold the reduction over an
     * aligned range of {@code 2^(k+1)} new ranks; the ranks that sat out get the result at the end.
     * The lower range is always the left operand, so any operation applies in rank order.
     * {@code ceil(log2 p)} steps of the whole vector: the algorithm for small data.
     */
    static void recursiveDoubling(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv) {
        int count = send.count();
        Items result = Items.of(recv);
        Items incoming = Scratch.items(Scratch.INCOMING, reduction.layout(), count);
        Items.copy(Items.of(send), 0, result, 0, count);
        Fold fold = new Fold(channel.size);
        int rank = channel.rank;
        if (fold.sitsOut(rank)) {
            channel.sendNow(result.slice(0, count), rank + 1);
            channel.receiveNow(result.slice(0, count), rank + 1);
            return;
        }
        if (fold.absorbs(rank)) {
            channel.receiveNow(incoming.slice(0, count), rank - 1);
            reduction.combine(incoming, 0, result, 0, count);
        }
        int newRank = fold.newRank(rank);
        for (int mask = 1; mask < fold.pof2; mask <<= 1) {
            int partner = newRank ^ mask;
            channel.exchange(result.slice(0, count), fold.rank(partner), incoming.slice(0, count), fold.rank(partner));
            if (partner < newRank || reduction.isCommutative()) {
                reduction.combine(incoming, 0, result, 0, count);
            } else {
                reduction.combine(result, 0, incoming, 0, count);
                Items.copy(incoming, 0, result, 0, count);
            }
        }
        if (fold.absorbs(rank)) {
            channel.sendNow(result.slice(0, count), rank - 1);
        }
    }

    /**
     * Rabenseifner's allreduce for commutative operations: reduce-scatter by recursive halving,
     * then allgather by recursive doubling (the same steps in reverse), so each rank moves about
     * {@code 2n} items instead of {@code n log2 p}. The parts are balanced over the new ranks.
     */
    static void rabenseifnerAllreduce(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv) {
        int count = send.count();
        Items result = Items.of(recv);
        RecursiveHalving halving = new RecursiveHalving(channel, reduction, partsOverNewRanks(channel.size, count));
        Fold fold = halving.fold();
        int newRank = halving.reduce(Items.of(send), result);
        if (newRank >= 0) {
            for (int mask = 1; mask < fold.pof2; mask <<= 1) {
                int mine = newRank & -mask;
                int theirs = (newRank ^ mask) & -mask;
                channel.exchange(span(halving, result, mine, mine + mask), fold.rank(newRank ^ mask),
                    span(halving, result, theirs, theirs + mask), fold.rank(newRank ^ mask));
            }
        }
        if (fold.absorbs(channel.rank)) {
            channel.sendNow(result.slice(0, count), channel.rank - 1);
        } else if (fold.sitsOut(channel.rank)) {
            channel.receiveNow(result.slice(0, count), channel.rank + 1);
        }
    }

    /**
     * Rabenseifner's reduce for commutative operations: reduce-scatter by recursive halving, then
     * every rank sends its reduced part straight to the root.
     */
    static void rabenseifnerReduce(Channel channel, Reduction reduction, MessageBuffer send, MessageBuffer recv,
                                   int root) {
        int count = send.count();
        boolean atRoot = channel.rank == root;
        Items result = atRoot ? Items.of(recv) : Scratch.items(Scratch.WORK, reduction.layout(), count);
        RecursiveHalving halving = new RecursiveHalving(channel, reduction, partsOverNewRanks(channel.size, count));
        Fold fold = halving.fold();
        int newRank = halving.reduce(Items.of(send), result);
        if (!atRoot) {
            if (newRank >= 0) {
                channel.sendNow(span(halving, result, newRank, newRank + 1), root);
            }
            return;
        }
        for (int other = 0; other < fold.pof2; other++) {
            if (other != newRank) {
                channel.receive(span(halving, result, other, other + 1), fold.rank(other));
            }
        }
        channel.awaitAll();
    }

    /**
     * Parts for the ranks such that each new rank gets an equal share: a rank that sits out gets
     * nothing, since its new rank is the next rank's.
     */
    private static int[] partsOverNewRanks(int size, int count) {
        Fold fold = new Fold(size);
        int[] shares = Sizes.balanced(count, fold.pof2);
        int[] counts = new int[size];
        for (int rank = 0; rank < size; rank++) {
            if (!fold.sitsOut(rank)) {
                int newRank = fold.newRank(rank);
                counts[rank] = shares[newRank + 1] - shares[newRank];
            }
        }
        return Sizes.starts(counts);
    }

    private static MessageBuffer span(RecursiveHalving halving, Items result, int firstNewRank, int endNewRank) {
        int first = halving.first(firstNewRank);
        return result.slice(first, halving.first(endNewRank) - first);
    }
}
