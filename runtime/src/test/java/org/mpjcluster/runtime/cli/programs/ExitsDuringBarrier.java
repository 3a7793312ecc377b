package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;
import mpi.MPIException;

/**
 * Rank 1 calls {@code System.exit(3)} while every other rank enters {@code Barrier}, which needs
 * rank 1; each of those prints {@code rank R caught error class C} for the {@code MPIException}
 * it gets, or {@code rank R passed the barrier}.
 */
public final class ExitsDuringBarrier {

    private ExitsDuringBarrier() {
    }

    /** Runs the program; it needs at least 2 ranks. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        if (rank == 1) {
            System.exit(3);
        }
        try {
            MPI.COMM_WORLD.Barrier();
            System.out.println("rank " + rank + " passed the barrier");
        } catch (MPIException e) {
            System.out.println("rank " + rank + " caught error class " + e.getErrorClass());
        }
    }
}
