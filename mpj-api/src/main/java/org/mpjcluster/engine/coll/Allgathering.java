package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;

/** The allgather algorithms, for blocks of equal or different sizes (Allgather, Allgatherv). */
final class Allgathering {

    private Allgathering() {
    }

    /**
     * Bruck's algorithm: each rank keeps the blocks it has in rotated order, its own first; in
     * step {@code k} it sends its first {@code min(2^k, p - 2^k)} blocks to the rank {@code 2^k}
     * before it and receives as many from the rank {@code 2^k} after it, appending them. After
     * {@code ceil(log2 p)} steps it has every block and puts them in place. Any number of ranks.
     */
    static void bruck(Channel channel, MessageBuffer send, RankBlocks recv) {
        int size = channel.size;
        int rank = channel.rank;
        int[] at = new int[size + 1];
        for (int held = 0; held < size; held++) {
            at[held + 1] = at[held] + recv.elements((rank + held) % size);
        }
        Items rotated = Scratch.elements(Scratch.WORK, recv.layout().kind(), at[size]);
        channel.copy(send, rotated.slice(0, at[1]));
        for (int distance = 1; distance < size; distance <<= 1) {
            int blocks = Math.min(distance, size - distance);
            channel.exchange(rotated.slice(0, at[blocks]), Math.floorMod(rank - distance, size),
                rotated.slice(at[distance], at[distance + blocks] - at[distance]), (rank + distance) % size);
        }
        for (int held = 0; held < size; held++) {
            channel.copy(rotated.slice(at[held], at[held + 1] - at[held]), recv.block((rank + held) % size));
        }
    }

    /**
     * Ring: in each of {@code p - 1} steps every rank passes the block it received last to the
     * next rank. Blocks go straight into the receive buffer; each rank receives only what it lacks.
     */
    static void ring(Channel channel, MessageBuffer send, RankBlocks recv) {
        int size = channel.size;
        int rank = channel.rank;
        channel.copy(send, recv.block(rank));
        int right = (rank + 1) % size;
        int left = Math.floorMod(rank - 1, size);
        for (int step = 0; step < size - 1; step++) {
            channel.exchange(recv.block(Math.floorMod(rank - step, size)), right,
                recv.block(Math.floorMod(rank - step - 1, size)), left);
        }
    }
}
