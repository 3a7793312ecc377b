package org.mpjcluster.bench;

import mpi.MPI;

/**
 * The program the launch benchmark runs: a Hello that says, on each rank, when it got past
 * {@code MPI.Init} ({@code init-ms RANK EPOCH_MILLIS}), so that the benchmark can tell the time
 * from {@code mpjrun}'s start to every rank running.
 */
public final class LaunchProbe {

    private LaunchProbe() {
    }

    /** Runs the probe. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        long initMillis = System.currentTimeMillis();
        System.out.println("init-ms " + MPI.COMM_WORLD.Rank() + " " + initMillis);
        MPI.Finalize();
    }
}
