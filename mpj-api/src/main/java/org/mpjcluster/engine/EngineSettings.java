package org.mpjcluster.engine;

/**
 * Tuning of the engine, read once per job. Each setting has a system property
 * ({@code ..._PROP_NAME}) and a default ({@code ..._DEFAULT}).
 *
 * @param eagerLimitBytes messages up to this size are sent eagerly; larger ones use a rendezvous
 * @param spinNanos       how long a waiting rank busy-polls before it starts yielding
 * @param yieldNanos      how long it then yields before it starts parking
 * @param maxParkNanos    the longest single park; bounds how late a parked waiter sees a failure
 */
public record EngineSettings(int eagerLimitBytes, long spinNanos, long yieldNanos, long maxParkNanos) {

    /** System property for {@link #eagerLimitBytes()}. */
    public static final String EAGER_LIMIT_PROP_NAME = "mpj.engine.eagerLimitBytes";
    /**
     * Default eager limit: 16 KiB. Above it the shm device hands the receiver a reference to the
     * sender's array (one copy, no extra round trip), so a large eager limit would only add copies.
     */
    public static final int EAGER_LIMIT_DEFAULT = 16 * 1024;
    /** System property for {@link #spinNanos()}. */
    public static final String SPIN_PROP_NAME = "mpj.engine.spinNanos";
    /** Default busy-poll time: 50 µs. */
    public static final long SPIN_DEFAULT = 50_000L;
    /** System property for {@link #yieldNanos()}. */
    public static final String YIELD_PROP_NAME = "mpj.engine.yieldNanos";
    /** Default yielding time: 2 ms. */
    public static final long YIELD_DEFAULT = 2_000_000L;
    /** System property for {@link #maxParkNanos()}. */
    public static final String MAX_PARK_PROP_NAME = "mpj.engine.maxParkNanos";
    /** Default longest park: 1 ms. */
    public static final long MAX_PARK_DEFAULT = 1_000_000L;

    /** Checks the settings. */
    public EngineSettings {
        if (eagerLimitBytes < 0 || spinNanos < 0 || yieldNanos < 0 || maxParkNanos < 1_000) {
            throw new IllegalArgumentException("invalid engine settings: eager limit " + eagerLimitBytes
                + " B, spin " + spinNanos + " ns, yield " + yieldNanos + " ns, max park "
                + maxParkNanos + " ns (at least 1000)");
        }
    }

    /** The defaults, overridden by any system property that is set. */
    public static EngineSettings fromSystemProperties() {
        return new EngineSettings(
            Integer.getInteger(EAGER_LIMIT_PROP_NAME, EAGER_LIMIT_DEFAULT),
            Long.getLong(SPIN_PROP_NAME, SPIN_DEFAULT),
            Long.getLong(YIELD_PROP_NAME, YIELD_DEFAULT),
            Long.getLong(MAX_PARK_PROP_NAME, MAX_PARK_DEFAULT));
    }
}
