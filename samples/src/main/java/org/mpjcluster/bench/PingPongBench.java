package org.mpjcluster.bench;

import java.util.Locale;
import mpi.MPI;

/**
 * Ping-pong between ranks 0 and 1: median one-way latency (half a round trip) at each size, next
 * to the raw baseline for the device, measured in the same run. Rank 0 prints one line per size:
 * {@code pingpong <device> <bytes> median_us=<x> baseline_us=<y> ratio=<x/y> mb_per_s=<bandwidth>}.
 */
final class PingPongBench {

    static final int[] DEFAULT_SIZES = {1, 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024};
    private static final int TAG = 11;

    private PingPongBench() {
    }

    static void run(String device, int[] sizes) throws Exception {
        int rank = MPI.COMM_WORLD.Rank();
        if (MPI.COMM_WORLD.Size() != 2) {
            throw new IllegalArgumentException("pingpong needs exactly 2 ranks, not " + MPI.COMM_WORLD.Size());
        }
        for (int bytes : sizes) {
            Plan plan = Plan.forBytes(bytes);
            double median = measure(rank, bytes, plan);
            if (rank == 0) {
                double baseline = new ThreadHandoffBaseline().oneWayMicros(bytes, plan);
                System.out.printf(Locale.ROOT,
                    "pingpong %s %d median_us=%.3f baseline_us=%.3f ratio=%.2f mb_per_s=%.1f%n", device, bytes, median, baseline, median / baseline, bytes / median);
            }
            MPI.COMM_WORLD.Sendrecv(new byte[1], 0, 1, MPI.BYTE, 1 - rank, TAG, new byte[1], 0, 1, MPI.BYTE, 1 - rank, TAG);
        }
    }

    private static double measure(int rank, int bytes, Plan plan) {
        byte[] message = new byte[bytes];
        int peer = 1 - rank;
        Samples samples = new Samples(plan.samples());
        for (int s = 0; s < plan.warmupSamples() + plan.samples(); s++) {
            long start = System.nanoTime();
            for (int i = 0; i < plan.repetitions(); i++) {
                if (rank == 0) {
                    MPI.COMM_WORLD.Send(message, 0, bytes, MPI.BYTE, peer, TAG);
                    MPI.COMM_WORLD.Recv(message, 0, bytes, MPI.BYTE, peer, TAG);
                } else {
                    MPI.COMM_WORLD.Recv(message, 0, bytes, MPI.BYTE, peer, TAG);
                    MPI.COMM_WORLD.Send(message, 0, bytes, MPI.BYTE, peer, TAG);
                }
            }
            long elapsed = System.nanoTime() - start;
            if (s >= plan.warmupSamples()) {
                samples.add(elapsed / 1e3 / plan.repetitions() / 2);
            }
        }
        return samples.median();
    }
}
