package org.mpjcluster.engine;

/**
 * Tuning of the engine, read once per job. Each setting has a system property
 * ({@code ..._PROP_NAME}) and a default ({@code ..._DEFAULT}).
 *
 * @param eagerLimitBytes   messages up to this size are sent eagerly; larger ones use a rendezvous
 * @param spinIterations    how many times a waiting rank polls before it starts yielding
 * @param yieldIterations   how many times it then yields before it starts parking
 * @param maxParkNanos      the longest single park; bounds how late a waiter sees a failure
 */
public record EngineSettings(int eagerLimitBytes, int spinIterations, int yieldIterations,
                             long maxParkNanos) {

    /** System property for {@link #eagerLimitBytes()}. */
    public static final String EAGER_LIMIT_PROP_NAME = "mpj.engine.eagerLimitBytes";
    /** Default eager limit: 64 KiB. */
    public static final int EAGER_LIMIT_DEFAULT = 64 * 1024;
    /** System property for {@link #spinIterations()}. */
    public static final String SPIN_PROP_NAME = "mpj.engine.spinIterations";
    /** Default spins before yielding. */
    public static final int SPIN_DEFAULT = 2_000;
    /** System property for {@link #yieldIterations()}. */
    public static final String YIELD_PROP_NAME = "mpj.engine.yieldIterations";
    /** Default yields before parking. */
    public static final int YIELD_DEFAULT = 50;
    /** System property for {@link #maxParkNanos()}. */
    public static final String MAX_PARK_PROP_NAME = "mpj.engine.maxParkNanos";
    /** Default longest park: 1 ms. */
    public static final long MAX_PARK_DEFAULT = 1_000_000L;

    /** Checks the settings. */
    public EngineSettings {
        if (eagerLimitBytes < 0 || spinIterations < 0 || yieldIterations < 0 || maxParkNanos < 1_000) {
            throw new IllegalArgumentException("invalid engine settings: eager limit " + eagerLimitBytes
                + " B, spins " + spinIterations + ", yields " + yieldIterations
                + ", max park " + maxParkNanos + " ns (at least 1000)");
        }
    }

    /** The defaults, overridden by any system property that is set. */
    public static EngineSettings fromSystemProperties() {
        return new EngineSettings(
            Integer.getInteger(EAGER_LIMIT_PROP_NAME, EAGER_LIMIT_DEFAULT),
            Integer.getInteger(SPIN_PROP_NAME, SPIN_DEFAULT),
            Integer.getInteger(YIELD_PROP_NAME, YIELD_DEFAULT),
            Long.getLong(MAX_PARK_PROP_NAME, MAX_PARK_DEFAULT));
    }
}
