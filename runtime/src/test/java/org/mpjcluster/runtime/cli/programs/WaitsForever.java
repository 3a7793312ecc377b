package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Every rank waits for a message that no rank sends. */
public final class WaitsForever {

    private WaitsForever() {
    }

    /** Runs the program; it never returns by itself. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        MPI.Finalize();
    }
}
