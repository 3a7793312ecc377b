package org.mpjcluster.bench;

import mpi.MPI;

/**
 * Runs a benchmark case until the JIT has compiled its path: for at least the warm-up time
 * (system property {@value #PROPERTY}, in milliseconds; 0 skips the warm-up) and at least a given
 * number of calls, but no longer than {@link #LIMIT} times the warm-up time. The case runs in
 * bursts separated by pauses in which every rank sleeps: waiting ranks poll, so without the pauses
 * the compiler threads barely get a core on a small machine; and a case of few, long calls must
 * still make enough calls for the compiler to pick up its path, or the compilation runs during
 * the measurement and takes a core from the ranks. Rank 0 decides when to stop and tells the
 * others, so every rank runs the same bursts.
 */
final class WarmUp {

    /** System property: how long each case warms up, in milliseconds. */
    static final String PROPERTY = "mpj.bench.warm-up-ms";
    private static final long PAUSE_MILLIS = 5;
    private static final int LIMIT = 5;

    private final long nanos;
    private final long calls;

    /**
     * A warm-up of at least {@code defaultMillis} (unless the property says otherwise) and
     * {@code calls} calls.
     */
    WarmUp(long defaultMillis, long calls) {
        this.nanos = Long.getLong(PROPERTY, defaultMillis) * 1_000_000L;
        this.calls = calls;
    }

    /** One burst of the case: makes calls and returns how many it made. */
    interface Burst {
        long run() throws Exception;
    }

    /** Runs {@code burst} until the case is warm, on every rank of {@code MPI.COMM_WORLD}. */
    void run(Burst burst) throws Exception {
        long start = System.nanoTime();
        long made = 0;
        boolean[] more = {nanos > 0};
        while (more[0]) {
            made += burst.run();
            Thread.sleep(PAUSE_MILLIS);
            long elapsed = System.nanoTime() - start;
            more[0] = elapsed < nanos || made < calls && elapsed < LIMIT * nanos;
            MPI.COMM_WORLD.Bcast(more, 0, 1, MPI.BOOLEAN, 0);
        }
    }
}
