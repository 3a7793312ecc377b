package org.mpjcluster.samples;

import mpi.MPI;

/**
 * Passes a token around the ring of ranks a number of times (first argument, default 3); each rank
 * adds one on every pass, and rank 0 prints the final value, which must be laps x size.
 */
public final class Ring {

    private static final int TAG = 7;

    private Ring() {
    }

    /** Runs the sample. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int laps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int next = (rank + 1) % size;
        int previous = (rank + size - 1) % size;
        int[] token = {0};
        for (int lap = 0; lap < laps; lap++) {
            if (rank == 0) {
                token[0]++;
                MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, TAG);
                MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, previous, TAG);
            } else {
                MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, previous, TAG);
                token[0]++;
                MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, TAG);
            }
        }
        if (rank == 0) {
            System.out.println("Ring: token = " + token[0] + " after " + laps + " laps of " + size
                + " ranks (expected " + laps * size + ")");
        }
        MPI.Finalize();
    }
}
