package org.mpjcluster.engine.coll;

/** The alltoall algorithms, for blocks of equal or different sizes (Alltoall, Alltoallv). */
final class AllToAll {

    private AllToAll() {
    }

    /**
     * Every receive and every send posted at once, staggered so that rank {@code r} first talks to
     * {@code r + 1}, then {@code r + 2}: lowest latency for small blocks.
     */
    static void allAtOnce(Channel channel, RankBlocks send, RankBlocks recv) {
        int size = channel.size;
        int rank = channel.rank;
        for (int step = 1; step < size; step++) {
            int source = Math.floorMod(rank - step, size);
            channel.receive(recv.block(source), source);
        }
        for (int step = 1; step < size; step++) {
            int destination = (rank + step) % size;
            channel.send(send.block(destination), destination);
        }
        channel.copy(send.block(rank), recv.block(rank));
        channel.awaitAll();
    }

    /**
     * Pairwise exchange: in step {@code s} rank {@code r} sends to {@code r + s} and receives from
     * {@code r - s}, so each rank copies one large block at a time and no rank is flooded.
     */
    static void pairwise(Channel channel, RankBlocks send, RankBlocks recv) {
        int size = channel.size;
        int rank = channel.rank;
        channel.copy(send.block(rank), recv.block(rank));
        for (int step = 1; step < size; step++) {
            int destination = (rank + step) % size;
            int source = Math.floorMod(rank - step, size);
            channel.exchange(send.block(destination), destination, recv.block(source), source);
        }
    }
}
