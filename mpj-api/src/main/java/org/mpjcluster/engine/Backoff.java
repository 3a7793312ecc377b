package org.mpjcluster.engine;

/**
 * How a waiting rank idles: spin briefly (lowest latency), then yield (let co-scheduled ranks run),
 * then park for growing periods up to the configured maximum, so that many ranks on few cores all
 * make progress. One instance per wait; not thread-safe.
 */
final class Backoff {

    private static final long MIN_PARK_NANOS = 1_000L;
    private static final int MAX_SHIFT = 20;

    private final int spins;
    private final int spinsAndYields;
    private final long maxParkNanos;
    private int iteration;

    Backoff(EngineSettings settings) {
        this.spins = settings.spinIterations();
        this.spinsAndYields = spins + settings.yieldIterations();
        this.maxParkNanos = settings.maxParkNanos();
    }

    /** Starts over after useful work was found. */
    void reset() {
        iteration = 0;
    }

    /**
     * Idles once. Spins or yields itself and returns 0, or returns how long the caller should
     * park (the caller parks, so that it can register to be woken).
     */
    long idle() {
        int i = iteration++;
        if (i < spins) {
            Thread.onSpinWait();
            return 0;
        }
        if (i < spinsAndYields) {
            Thread.yield();
            return 0;
        }
        int shift = Math.min(i - spinsAndYields, MAX_SHIFT);
        return Math.min(maxParkNanos, MIN_PARK_NANOS << shift);
    }
}
