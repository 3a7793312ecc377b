package org.mpjcluster.runtime.local;

import java.util.function.IntPredicate;

/**
 * The ranks co-located with {@code rank} when an in-JVM job plays several JVMs: those in the same
 * block of {@code blockSize} consecutive ranks.
 *
 * @param rank      the rank asking
 * @param blockSize ranks per simulated JVM
 */
record SameBlock(int rank, int blockSize) implements IntPredicate {

    @Override
    public boolean test(int endpoint) {
        return endpoint / blockSize == rank / blockSize;
    }
}
