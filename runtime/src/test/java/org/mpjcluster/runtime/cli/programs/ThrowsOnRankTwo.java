package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Rank 2 throws {@code IllegalStateException("boom")} while every other rank waits for a message from it. */
public final class ThrowsOnRankTwo {

    private ThrowsOnRankTwo() {
    }

    /** Runs the program; it needs at least 3 ranks. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        if (MPI.COMM_WORLD.Rank() == 2) {
            throw new IllegalStateException("boom");
        }
        MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 2, 0);
        MPI.Finalize();
    }
}
