package org.mpjcluster.runtime.cli.programs;

import java.util.ArrayList;
import java.util.List;
import mpi.MPI;

/**
 * Every rank runs a round of collectives whose results it can check on its own (broadcast,
 * all-reduce, all-gather, all-to-all, scan) and prints {@code rank R of N collectives ok}, or
 * what was wrong.
 */
public final class ChecksCollectives {

    private ChecksCollectives() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        List<String> wrong = new ArrayList<>();

        int[] root = {rank == 0 ? 42 : -1};
        MPI.COMM_WORLD.Bcast(root, 0, 1, MPI.INT, 0);
        check(wrong, "bcast", 42, root[0]);

        long[] sum = new long[1];
        MPI.COMM_WORLD.Allreduce(new long[] {rank + 1}, 0, sum, 0, 1, MPI.LONG, MPI.SUM);
        check(wrong, "allreduce", (long) size * (size + 1) / 2, sum[0]);

        int[] gathered = new int[size];
        MPI.COMM_WORLD.Allgather(new int[] {rank * rank}, 0, 1, MPI.INT, gathered, 0, 1, MPI.INT);
        for (int r = 0; r < size; r++) {
            check(wrong, "allgather[" + r + "]", r * r, gathered[r]);
        }

        int[] outgoing = new int[size];
        for (int r = 0; r < size; r++) {
            outgoing[r] = rank * 100 + r;
        }
        int[] incoming = new int[size];
        MPI.COMM_WORLD.Alltoall(outgoing, 0, 1, MPI.INT, incoming, 0, 1, MPI.INT);
        for (int r = 0; r < size; r++) {
            check(wrong, "alltoall[" + r + "]", r * 100 + rank, incoming[r]);
        }

        int[] prefix = new int[1];
        MPI.COMM_WORLD.Scan(new int[] {1}, 0, prefix, 0, 1, MPI.INT, MPI.SUM);
        check(wrong, "scan", rank + 1, prefix[0]);

        System.out.println("rank " + rank + " of " + size + " collectives " + (wrong.isEmpty() ? "ok" : "WRONG " + wrong));
        MPI.Finalize();
    }

    private static void check(List<String> wrong, String what, long expected, long actual) {
        if (expected != actual) {
            wrong.add(what + ": " + actual + " instead of " + expected);
        }
    }
}
