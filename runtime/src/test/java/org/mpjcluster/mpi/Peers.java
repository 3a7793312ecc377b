package org.mpjcluster.mpi;

import mpi.MPI;
import mpi.Request;

/**
 * The calling rank's place in {@code MPI.COMM_WORLD} seen as a ring, and a barrier made of
 * point-to-point messages (the API under test has no collectives yet). For use inside rank tasks.
 */
final class Peers {

    private static final int[] NOTHING = new int[0];

    private Peers() {
    }

    /** The calling rank. */
    static int rank() {
        return MPI.COMM_WORLD.Rank();
    }

    /** Number of ranks in the world. */
    static int size() {
        return MPI.COMM_WORLD.Size();
    }

    /** The rank {@code distance} steps after the caller around the ring. */
    static int right(int distance) {
        return Math.floorMod(rank() + distance, size());
    }

    /** The rank {@code distance} steps before the caller around the ring. */
    static int left(int distance) {
        return Math.floorMod(rank() - distance, size());
    }

    /** The rank {@code distance} steps after {@code rank} in a ring of {@code size}, for expectations. */
    static int rightOf(int rank, int distance, int size) {
        return Math.floorMod(rank + distance, size);
    }

    /** The rank {@code distance} steps before {@code rank} in a ring of {@code size}, for expectations. */
    static int leftOf(int rank, int distance, int size) {
        return Math.floorMod(rank - distance, size);
    }

    /**
     * Returns once every rank has entered the barrier with the same {@code tag}. Messages with that
     * tag must not be used for anything else in the test.
     */
    static void barrier(int tag) {
        int size = size();
        Request[] sends = new Request[size];
        for (int peer = 0; peer < size; peer++) {
            sends[peer] = MPI.COMM_WORLD.Isend(NOTHING, 0, 0, MPI.INT, peer, tag);
        }
        for (int peer = 0; peer < size; peer++) {
            MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, peer, tag);
        }
        Request.Waitall(sends);
    }

    /**
     * Tells the left neighbour that the caller is ready (for example, that its receive is posted)
     * and waits until the right neighbour says the same, so that a send to the right may assume
     * the right neighbour is ready.
     */
    static void readyHandshake(int tag) {
        MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, left(1), tag);
        MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, right(1), tag);
    }
}
