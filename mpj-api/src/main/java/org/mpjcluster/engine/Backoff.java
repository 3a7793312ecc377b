package org.mpjcluster.engine;

/**
 * How a waiting rank idles: spin for a short time (lowest latency), then yield for a while (lets
 * co-scheduled ranks run, costs little when none wants to), then park for growing periods up to
 * the configured maximum, so that many ranks on few cores all make progress. One instance per
 * wait; not thread-safe.
 */
final class Backoff {

    private static final long MIN_PARK_NANOS = 20_000L;
    private static final int MAX_SHIFT = 16;
    private static final int CLOCK_CHECK_MASK = 63;

    private final long spinNanos;
    private final long spinAndYieldNanos;
    private final long maxParkNanos;
    private long start;
    private boolean yielding;
    private int parks;
    private int iteration;

    Backoff(EngineSettings settings) {
        this.spinNanos = settings.spinNanos();
        this.spinAndYieldNanos = spinNanos + settings.yieldNanos();
        this.maxParkNanos = settings.maxParkNanos();
        reset();
    }

    /** Starts over after useful work was found. */
    void reset() {
        start = System.nanoTime();
        yielding = false;
        parks = -1;
        iteration = 0;
    }

    /**
     * Whether the waiter should look for failures now: every so many spins, and before each park,
     * so that the busy loop stays short.
     */
    boolean dueForCheck() {
        return parks >= 0 || (iteration & CLOCK_CHECK_MASK) == CLOCK_CHECK_MASK;
    }

    /**
     * Idles once. Spins or yields itself and returns 0, or returns how long the caller should
     * park (the caller parks, so that it can register to be woken).
     */
    long idle() {
        if (parks < 0 && (++iteration & CLOCK_CHECK_MASK) == 0) {
            long waited = System.nanoTime() - start;
            yielding = waited > spinNanos;
            if (waited > spinAndYieldNanos) {
                parks = 0;
            }
        }
        if (parks >= 0) {
            return Math.min(maxParkNanos, MIN_PARK_NANOS << Math.min(parks++, MAX_SHIFT));
        }
        if (yielding) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return 0;
    }
}
