package org.mpjcluster.engine;

/**
 * Special rank and tag values shared by the engine and the {@code mpi} API. They have MPJ
 * Express's numbers, because programs written for it (most mpiJava programs were) compare results
 * with those numbers and pass them as arguments.
 */
public final class Ranks {
    /** Wildcard source for receives and probes. */
    public static final int ANY_SOURCE = -2;
    /** Wildcard tag for receives and probes. */
    public static final int ANY_TAG = -2;
    /** The null process: sends to it and receives from it complete at once. */
    public static final int PROC_NULL = -3;
    /** An undefined value (for example the rank of a process outside a group). */
    public static final int UNDEFINED = -1;
    /** Largest tag a user may use. */
    public static final int TAG_UB = Integer.MAX_VALUE;

    private Ranks() {
    }
}
