package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** A main class that is not public, which the java launcher runs all the same; prints {@code rank R ran}. */
final class NotPublicMain {

    private NotPublicMain() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " ran");
        MPI.Finalize();
    }
}
