package org.mpjcluster.bench;

import java.util.Locale;
import mpi.MPI;
import mpi.Request;

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
            try (PingPongBaseline raw = baselines.open(rank, bytes)) {
                // The warm-up runs the rounds as they are timed, so that no path the timed rounds
                // take (the baseline, the hand-over between them) is first compiled while timing.
                WARM_UP.run(() -> {
                    round(rank, message, raw, plan.warmupSamples(), plan.repetitions(), null, null);
                    return (long) plan.warmupSamples() * plan.repetitions();
                });
                for (int round = 0; round < plan.rounds(); round++) {
                    round(rank, message, raw, plan.samplesPerRound(), plan.repetitions(), mpi, baseline);
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

    /** One round: the MPI ping-pong, then the baseline's, then the hand-over before the next round. */
    private static void round(int rank, PaddedMessage message, PingPongBaseline raw, int count, int repetitions,
                              Samples mpi, Samples baseline) throws Exception {
        measure(rank, message, count, repetitions, mpi);
        raw.measure(count, repetitions, baseline);
        waitForRankZero(rank);
    }

    /**
     * Rank 1 idles outside MPI (so it takes no core) until rank 0 has timed its baseline block;
     * needed when the baseline runs in rank 0's JVM alone, harmless when both ranks take part.
     * Rank 1 posts the receive before the message comes, as the ping-pong does: a message that
     * arrives unexpected, or a probe, would teach the JIT a path the timed loop never takes, and
     * the code it compiles for the ping-pong is slower for it (1-byte hops 0.39 against 0.33 µs).
     */
    private static void waitForRankZero(int rank) throws InterruptedException {
        byte[] go = new byte[1];
        if (rank == 0) {
            MPI.COMM_WORLD.Send(go, 0, 1, MPI.BYTE, 1, GO_TAG);
            return;
        }
        Request posted = MPI.COMM_WORLD.Irecv(go, 0, 1, MPI.BYTE, 0, GO_TAG);
        while (posted.Test() == null) {
            Thread.sleep(IDLE_POLL_MILLIS);
        }
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
