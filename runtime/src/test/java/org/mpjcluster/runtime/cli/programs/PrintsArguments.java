package org.mpjcluster.runtime.cli.programs;

import java.util.Arrays;
import mpi.MPI;

/** Every rank prints {@code rank R of N args [A, B, ...]}: the program arguments it was given. */
public final class PrintsArguments {

    private PrintsArguments() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " of " + MPI.COMM_WORLD.Size()
            + " args " + Arrays.toString(args));
        MPI.Finalize();
    }
}
