package org.mpjcluster.runtime.local;

/**
 * How one rank ended.
 *
 * @param rank    world rank
 * @param ending  how it ended
 * @param value   what it returned, when it succeeded ({@code null} for programs run by main)
 * @param failure what it threw, when it failed or was stopped; {@code null} otherwise
 * @param <T>     the result type
 */
public record RankOutcome<T>(int rank, Ending ending, T value, Throwable failure) {

    /** How a rank ended. */
    public enum Ending {
        /** Returned normally. */
        SUCCEEDED,
        /** Threw an exception of its own: the cause of the job's failure, or a second one. */
        FAILED,
        /** Called {@code Abort}. */
        ABORTED,
        /** Was ended because another rank failed. */
        STOPPED,
        /** Did not stop within the grace period after the job failed; its thread (or JVM) was abandoned. */
        HUNG,
        /** Its JVM ended before the rank did: killed, crashed, or a rank of that JVM called {@code System.exit}. */
        DIED
    }
}
