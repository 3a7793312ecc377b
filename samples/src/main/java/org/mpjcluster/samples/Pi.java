package org.mpjcluster.samples;

import java.util.Locale;
import mpi.MPI;

/**
 * Computes pi by integrating 4/(1+x^2) over [0,1] with the midpoint rule, the intervals dealt
 * round-robin to the ranks; rank 0 gathers the partial sums and prints pi and its error.
 * The first argument is the number of intervals (default 10,000,000).
 */
public final class Pi {

    private static final int TAG = 1;

    private Pi() {
    }

    /** The partial sum of rank {@code rank} of {@code size} over {@code intervals} intervals. */
    static double partialSum(int rank, int size, long intervals) {
        double width = 1.0 / intervals;
        double sum = 0;
        for (long i = rank; i < intervals; i += size) {
            double x = width * (i + 0.5);
            sum += 4.0 / (1.0 + x * x);
        }
        return sum * width;
    }

    /** Runs the sample. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        long intervals = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        double[] part = {partialSum(rank, size, intervals)};
        if (rank == 0) {
            double pi = part[0];
            double[] other = new double[1];
            for (int source = 1; source < size; source++) {
                MPI.COMM_WORLD.Recv(other, 0, 1, MPI.DOUBLE, source, TAG);
                pi += other[0];
            }
            System.out.printf(Locale.ROOT, "pi = %.15f, error = %.3e (%d intervals, %d ranks)%n",
                pi, Math.abs(pi - Math.PI), intervals, size);
        } else {
            MPI.COMM_WORLD.Send(part, 0, 1, MPI.DOUBLE, 0, TAG);
        }
        MPI.Finalize();
    }
}
