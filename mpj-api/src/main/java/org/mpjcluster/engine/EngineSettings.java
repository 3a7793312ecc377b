package org.mpjcluster.engine;

/**
 * Tuning of the engine, fixed for the life of a job.
 *
 * @param eagerLimitBytes messages up to this size are sent eagerly; larger ones use a rendezvous
 * @param spinNanos       how long a waiting rank busy-polls before it starts yielding
 * @param yieldNanos      how long it then yields before it starts parking
 * @param maxParkNanos    the longest single park; bounds how late a parked waiter sees a failure
 * @param inMemoryCollectives whether small collectives on a communicator whose ranks all live in
 *                        this JVM may meet in memory, and Allreduce be shared out through a
 *                        {@code Crossing}, instead of passing messages (see
 *                        {@code org.mpjcluster.engine.coll.Thresholds}); off forces the
 *                        message-passing algorithms, to measure or count them
 */
public record EngineSettings(int eagerLimitBytes, long spinNanos, long yieldNanos, long maxParkNanos,
                             boolean inMemoryCollectives) {

    /**
     * The defaults (the runtime reads its settings from {@code reference.conf}, whose values are
     * the same): a 16 KiB eager limit, since above it the shm device hands the receiver a
     * reference to the sender's array (one copy, no extra round trip); 50 µs of spinning, 2 ms of
     * yielding, parks of at most 1 ms, collectives in memory where they pay.
     */
    public static final EngineSettings DEFAULTS = new EngineSettings(16 * 1024, 50_000L, 2_000_000L, 1_000_000L,
        true);

    /** How much longer ranks yield when a JVM holds more ranks than cores. */
    static final int OVERSUBSCRIBED_YIELD_FACTOR = 10;

    /**
     * These settings for {@code ranks} ranks sharing {@code cores} cores. With more ranks than
     * cores a spinning rank takes the core the rank it waits for needs, so waiting ranks do not
     * spin at all, and yield ten times longer before they park (a parked rank costs a wake-up).
     */
    public EngineSettings forRanksOnCores(int ranks, int cores) {
        if (ranks <= cores) {
            return this;
        }
        return new EngineSettings(eagerLimitBytes, 0, yieldNanos * OVERSUBSCRIBED_YIELD_FACTOR, maxParkNanos,
            inMemoryCollectives);
    }

    /** These settings with the in-memory meeting of small collectives allowed or not. */
    public EngineSettings withInMemoryCollectives(boolean allowed) {
        return new EngineSettings(eagerLimitBytes, spinNanos, yieldNanos, maxParkNanos, allowed);
    }

    /** Checks the settings. */
    public EngineSettings {
        if (eagerLimitBytes < 0 || spinNanos < 0 || yieldNanos < 0 || maxParkNanos < 1_000) {
            throw new IllegalArgumentException("invalid engine settings: eager limit " + eagerLimitBytes
                + " B, spin " + spinNanos + " ns, yield " + yieldNanos + " ns, max park "
                + maxParkNanos + " ns (at least 1000)");
        }
    }
}
