package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Rank 1 calls {@code Abort} with the code given as the first argument while every other rank waits for a message from it. */
public final class AbortsOnRankOne {

    private AbortsOnRankOne() {
    }

    /** Runs the program; it needs at least 2 ranks. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        if (MPI.COMM_WORLD.Rank() == 1) {
            MPI.COMM_WORLD.Abort(Integer.parseInt(args[0]));
        }
        MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 1, 0);
        MPI.Finalize();
    }
}
