package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Every rank prints a line in three pieces on standard output and one line on standard error. */
public final class PrintsOnBothStreams {

    private PrintsOnBothStreams() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        System.out.print("out from ");
        System.out.print("rank ");
        System.out.println(rank);
        System.err.println("err from rank " + rank);
        MPI.Finalize();
    }
}
