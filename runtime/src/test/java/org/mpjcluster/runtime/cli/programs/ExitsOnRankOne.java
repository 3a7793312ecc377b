package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Rank 1 calls {@code System.exit(5)} while every other rank waits for a message from it. */
public final class ExitsOnRankOne {

    private ExitsOnRankOne() {
    }

    /** Runs the program; it needs at least 2 ranks. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        if (MPI.COMM_WORLD.Rank() == 1) {
            System.exit(5);
        }
        MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 1, 0);
        MPI.Finalize();
    }
}
