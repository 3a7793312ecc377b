package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/** Every rank prints {@code rank R NAME=VALUE} for the system property named by the first argument. */
public final class PrintsSystemProperty {

    private PrintsSystemProperty() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " " + args[0] + "=" + System.getProperty(args[0]));
        MPI.Finalize();
    }
}
