package org.mpjcluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import mpi.MPI;

/**
 * Collective operations on every rank: Barrier; Bcast, Reduce, Allreduce and Allgather of 1 double
 * (per rank); Allreduce of 1M doubles, Bcast of 1 MiB, Alltoall of 64 KiB per pair. For each, the
 * median over samples of the slowest rank's time per call, next to the baseline: one
 * {@code System.arraycopy} of the same number of bytes, timed by rank 0 in rounds that alternate
 * with the collective's while the other ranks idle outside MPI. Each case first warms up for at
 * least 1.5 s and 20,000 calls (see {@link WarmUp}). On shm, once every case is timed, one call of
 * each is counted ({@link CallCounts}). Rank 0 then prints one line per case:
 * {@code <collective> <device> np=<p> <bytes> median_us=<x> baseline_us=<y> ratio=<x/y>}, and on
 * shm {@code path=messages rounds=<r> msgs_per_rank_max=<m> bytes_per_rank_max=<b>}, or
 * {@code path=in-memory} for a call whose ranks met in memory.
 */
final class CollectivesBench {

    private static final int GO_TAG = 21;
    private static final long IDLE_POLL_MILLIS = 1;
    private static final int MEBI = 1024 * 1024;
    /** At least 1.5 s, and 20,000 calls: after those the JIT has compiled a call's path with its optimizing compiler. */
    private static final WarmUp WARM_UP = new WarmUp(1500, 20_000);

    /**
     * One collective to time: {@code timer} makes a number of calls and returns the nanoseconds
     * they took. Each case has its own loop so that the JIT compiles each call site for one
     * collective only; one loop shared by all cases would be recompiled, with whichever case's
     * call path it inlines, in the middle of a later case's measurement.
     */
    private record Case(String name, String call, long bytes, LongUnaryOperator timer) {
    }

    private CollectivesBench() {
    }

    static void run(String device) throws Exception {
        int size = MPI.COMM_WORLD.Size();
        List<Case> cases = cases(size);
        List<String> timings = new ArrayList<>();
        for (Case c : cases) {
            timings.add(timed(c, device, size));
        }
        // Counted once every case is timed, so that no timing runs with the counting channel loaded.
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String counts = "shm".equals(device) ? " " + CallCounts.of(c.call(), () -> c.timer().applyAsLong(1)) : "";
            if (MPI.COMM_WORLD.Rank() == 0) {
                System.out.println(timings.get(i) + counts);
            }
        }
    }

    /** Times {@code c} and its baseline; returns the line of timings at rank 0, {@code null} elsewhere. */
    private static String timed(Case c, String device, int size) throws Exception {
        Plan plan = plan(c.bytes());
        Samples collective = new Samples(plan.totalSamples());
        Samples baseline = new Samples(plan.totalSamples());
        CopyBaseline copy = new CopyBaseline((int) c.bytes());
        WARM_UP.run(() -> {
            measure(c, plan.warmupSamples(), plan.repetitions(), new Samples(plan.warmupSamples()));
            return (long) plan.warmupSamples() * plan.repetitions();
        });
        copy.measure(plan.warmupSamples(), plan.repetitions(), new Samples(plan.warmupSamples()));
        for (int round = 0; round < plan.rounds(); round++) {
            measure(c, plan.samplesPerRound(), plan.repetitions(), collective);
            if (MPI.COMM_WORLD.Rank() == 0) {
                copy.measure(plan.samplesPerRound(), plan.repetitions(), baseline);
            }
            waitForRankZero();
        }
        if (MPI.COMM_WORLD.Rank() != 0) {
            return null;
        }
        double median = collective.median();
        double base = baseline.median();
        return String.format(Locale.ROOT, "%s %s np=%d %d median_us=%.3f baseline_us=%.3f ratio=%.2f",
            c.name(), device, size, c.bytes(), median, base, median / base);
    }

    private static List<Case> cases(int size) {
        return List.of(barrier(), bcast(Double.BYTES), reduce(), allreduce(1), allgather(size), allreduce(MEBI),
            bcast(MEBI), alltoall(64 * 1024, size));
    }

    private static Case barrier() {
        return new Case("barrier", "Barrier", 0, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Barrier();
            }
            return System.nanoTime() - start;
        });
    }

    private static Case reduce() {
        double[] in = new double[1];
        double[] out = new double[1];
        return new Case("reduce", "Reduce", Double.BYTES, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Reduce(in, 0, out, 0, 1, MPI.DOUBLE, MPI.SUM, 0);
            }
            return System.nanoTime() - start;
        });
    }

    private static Case allgather(int size) {
        double[] in = new double[1];
        double[] out = new double[size];
        return new Case("allgather", "Allgather", Double.BYTES, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Allgather(in, 0, 1, MPI.DOUBLE, out, 0, 1, MPI.DOUBLE);
            }
            return System.nanoTime() - start;
        });
    }

    private static Case allreduce(int doubles) {
        double[] in = new double[doubles];
        double[] out = new double[doubles];
        return new Case("allreduce", "Allreduce", (long) doubles * Double.BYTES, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Allreduce(in, 0, out, 0, doubles, MPI.DOUBLE, MPI.SUM);
            }
            return System.nanoTime() - start;
        });
    }

    private static Case bcast(int bytes) {
        byte[] buffer = new byte[bytes];
        return new Case("bcast", "Bcast", bytes, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Bcast(buffer, 0, bytes, MPI.BYTE, 0);
            }
            return System.nanoTime() - start;
        });
    }

    private static Case alltoall(int bytesPerPair, int size) {
        byte[] send = new byte[bytesPerPair * size];
        byte[] recv = new byte[bytesPerPair * size];
        return new Case("alltoall", "Alltoall", bytesPerPair, calls -> {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                MPI.COMM_WORLD.Alltoall(send, 0, bytesPerPair, MPI.BYTE, recv, 0, bytesPerPair, MPI.BYTE);
            }
            return System.nanoTime() - start;
        });
    }

    /** Enough calls per sample to last well above the timer's resolution, without making large cases slow. */
    private static Plan plan(long bytes) {
        if (bytes <= 4096) {
            return new Plan(5, 5, 5, 500);
        }
        if (bytes <= 2 * MEBI) {
            return new Plan(3, 5, 5, 20);
        }
        return new Plan(2, 3, 5, 3);
    }

    /**
     * Times {@code count} samples of {@code repetitions} calls; adds to {@code samples} (at rank 0)
     * the time per call of the slowest rank in each sample.
     */
    private static void measure(Case c, int count, int repetitions, Samples samples) {
        double[] mine = new double[1];
        double[] slowest = new double[1];
        for (int s = 0; s < count; s++) {
            MPI.COMM_WORLD.Barrier();
            mine[0] = c.timer().applyAsLong(repetitions) / 1e3 / repetitions;
            MPI.COMM_WORLD.Reduce(mine, 0, slowest, 0, 1, MPI.DOUBLE, MPI.MAX, 0);
            samples.add(slowest[0]);
        }
    }

    /** Ranks other than 0 idle outside MPI (taking no core) until rank 0 has timed its baseline block. */
    private static void waitForRankZero() throws InterruptedException {
        byte[] go = new byte[1];
        if (MPI.COMM_WORLD.Rank() == 0) {
            for (int rank = 1; rank < MPI.COMM_WORLD.Size(); rank++) {
                MPI.COMM_WORLD.Send(go, 0, 1, MPI.BYTE, rank, GO_TAG);
            }
            return;
        }
        while (MPI.COMM_WORLD.Iprobe(0, GO_TAG) == null) {
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        MPI.COMM_WORLD.Recv(go, 0, 1, MPI.BYTE, 0, GO_TAG);
    }

    /** One {@code System.arraycopy} of a given number of bytes between two arrays. */
    private static final class CopyBaseline {
        private final byte[] from;
        private final byte[] to;

        CopyBaseline(int bytes) {
            from = new byte[bytes];
            to = new byte[bytes];
        }

        void measure(int count, int repetitions, Samples samples) {
            for (int s = 0; s < count; s++) {
                long start = System.nanoTime();
                for (int i = 0; i < repetitions; i++) {
                    System.arraycopy(from, 0, to, 0, from.length);
                }
                samples.add((System.nanoTime() - start) / 1e3 / repetitions);
            }
        }
    }
}
