package org.mpjcluster.mpi;

import com.typesafe.config.ConfigFactory;
import org.mpjcluster.engine.EngineSettings;

/**
 * Message lengths on either side of the eager limits (the engine's, and the tcp device's own), so
 * that a test runs once over the eager protocol and once over the rendezvous protocol, whatever
 * transport the suite runs on.
 */
enum MessageSize {
    /** A few ints: sent eagerly, complete on arrival. */
    EAGER(12),
    /**
     * Sent by rendezvous, complete only when matched; over byte devices its body travels in
     * several data chunks, the last one partial.
     */
    RENDEZVOUS(rendezvousBytes() / Integer.BYTES);

    private final int ints;

    MessageSize(int ints) {
        this.ints = ints;
    }

    /**
     * A message size in bytes, a multiple of 8, that every transport sends by rendezvous and cuts
     * into chunks: two and a half times the largest eager limit, and a little more.
     */
    static int rendezvousBytes() {
        return 5 * largestEagerLimitBytes() / 2 + Long.BYTES;
    }

    private static int largestEagerLimitBytes() {
        long tcp = ConfigFactory.load().getBytes("mpj.device.tcp.eager-limit");
        return (int) Math.max(EngineSettings.DEFAULTS.eagerLimitBytes(), tcp);
    }

    /** Number of {@code int} elements in a message of this size. */
    int ints() {
        return ints;
    }

    /** {@code length} ints that identify {@code seed}: element {@code i} is {@code seed * 1_000_000 + i}. */
    static int[] pattern(int seed, int length) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = seed * 1_000_000 + i;
        }
        return values;
    }

    /** A message of this size identifying {@code seed}, as {@link #pattern}. */
    int[] pattern(int seed) {
        return pattern(seed, ints);
    }
}
