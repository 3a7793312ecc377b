package org.mpjcluster.runtime.cli.programs;

import mpi.MPI;

/**
 * Every rank increments a static counter, waits until all ranks have, then prints
 * {@code rank R counter C}. With per-rank statics every rank prints 1; with statics shared by the
 * ranks they would print the number of ranks.
 */
public final class CountsInStatic {

    private static final int TAG = 7;
    private static int counter;

    private CountsInStatic() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        counter++;
        barrier();
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " counter " + counter);
        MPI.Finalize();
    }

    /** Returns once every rank has called it; written with point-to-point calls only. */
    private static void barrier() {
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] token = new int[1];
        if (rank == 0) {
            for (int other = 1; other < size; other++) {
                MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, other, TAG);
            }
            for (int other = 1; other < size; other++) {
                MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, other, TAG);
            }
        } else {
            MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, 0, TAG);
            MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, 0, TAG);
        }
    }
}
