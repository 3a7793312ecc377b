package org.mpjcluster.samples;

import mpi.MPI;

/** Every rank says hello with its rank, the world size and its host. */
public final class Hello {

    private Hello() {
    }

    /** Runs the sample. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        System.out.println("Hello from rank " + rank + " of " + size + " on " + MPI.Get_processor_name());
        MPI.Finalize();
    }
}
