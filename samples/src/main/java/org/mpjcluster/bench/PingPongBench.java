package org.mpjcluster.bench;

import java.util.Locale;
import mpi.MPI;

/**
 * Ping-pong between ranks 0 and 1: median one-way latency (half a round trip) at each size, next
 * to the raw baseline for the device, measured in the same run in alternating rounds. Rank 0
 * prints one line per size:
 * {@code pingpong <device> <bytes> median_us=<x> baseline_us=<y> ratio=<x/y> mb_per_s=<bandwidth>}.
 * Each size first warms up (see {@link #WARM_UP}).
 */
final class PingPongBench {

    static final int[] DEFAULT_SIZES = {1, 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024};
    private static final int TAG = 11;
    private static final int GO_TAG = 12;
    private static final long IDLE_POLL_MILLIS = 1;
    /** At least 1 s and 2,000 round trips per size. */
    private static final WarmUp WARM_UP = new WarmUp(1000, 2_000);

    private PingPongBench() {
    }

    static void run(String device, int[] sizes) throws Exception {
        int rank = MPI.COMM_WORLD.Rank();
        if (MPI.COMM_WORLD.Size() != 2) {
            throw new IllegalArgumentException("pingpong needs exactly 2 ranks, not " + MPI.COMM_WORLD.Size());
        }
        PingPongBaseline.Factory baselines = PingPongBaseline.of(device);
        for (int bytes : sizes) {
            Plan plan = Plan.forBytes(bytes);
            Samples mpi = new Samples(plan.totalSamples());
            Samples baseline = new Samples(plan.totalSamples());
            PaddedMessage message = PaddedMessage.of(bytes);
            WARM_UP.run(() -> {
                measure(rank, message, plan.warmupSamples(), plan.repetitions(), null);
                return (long) plan.warmupSamples() * plan.repetitions();
            });
            try (PingPongBaseline raw = baselines.open(rank, bytes)) {
                raw.measure(plan.warmupSamples(), plan.repetitions(), null);
                for (int round = 0; round < plan.rounds(); round++) {
                    measure(rank, message, plan.samplesPerRound(), plan.repetitions(), mpi);
                    raw.measure(plan.samplesPerRound(), plan.repetitions(), baseline);
                    waitForRankZero(rank);
                }
            }
            if (rank == 0) {
                double median = mpi.median();
                double base = baseline.median();
                System.out.printf(Locale.ROOT, "pingpong %s %d median_us=%.3f baseline_us=%.3f ratio=%.2f mb_per_s=%.1f%n",
                    device, bytes, median, base, median / base, bytes / median);
            }
        }
    }

    /**
     * Rank 1 idles outside MPI (so it takes no core) until rank 0 has timed its baseline block;
     * needed when the baseline runs in rank 0's JVM alone, harmless when both ranks take part.
     */
    private static void waitForRankZero(int rank) throws InterruptedException {
        byte[] go = new byte[1];
        if (rank == 0) {
            MPI.COMM_WORLD.Send(go, 0, 1, MPI.BYTE, 1, GO_TAG);
            return;
        }
        while (MPI.COMM_WORLD.Iprobe(0, GO_TAG) == null) {
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        MPI.COMM_WORLD.Recv(go, 0, 1, MPI.BYTE, 0, GO_TAG);
    }

    private static void measure(int rank, PaddedMessage message, int count, int repetitions, Samples samples) {
        byte[] buffer = message.array();
        int offset = message.offset();
        int bytes = message.length();
        int peer = 1 - rank;
        for (int s = 0; s < count; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                if (rank == 0) {
                    MPI.COMM_WORLD.Send(buffer, offset, bytes, MPI.BYTE, peer, TAG);
                    MPI.COMM_WORLD.Recv(buffer, offset, bytes, MPI.BYTE, peer, TAG);
                } else {
                    MPI.COMM_WORLD.Recv(buffer, offset, bytes, MPI.BYTE, peer, TAG);
                    MPI.COMM_WORLD.Send(buffer, offset, bytes, MPI.BYTE, peer, TAG);
                }
            }
            if (samples != null) {
                samples.add((System.nanoTime() - start) / 1e3 / repetitions / 2);
            }
        }
    }
}
