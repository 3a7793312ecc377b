package org.mpjcluster.engine;

/**
 * Why a job is ending early.
 *
 * @param rank     world rank that failed or aborted, or -1 when no rank did (a timeout)
 * @param message  what happened, for the user
 * @param exitCode exit status the job should end with (never 0)
 * @param cause    the exception behind it, or {@code null}
 */
public record JobFailure(int rank, String message, int exitCode, Throwable cause) {
}
