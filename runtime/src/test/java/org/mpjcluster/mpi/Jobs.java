package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.LocalJob;
import org.mpjcluster.runtime.local.RankTask;

/**
 * Runs a task on every rank of an in-JVM job, always with a timeout so that a bug fails the test
 * instead of hanging it, and collects what each rank returned for comparison with a sequential
 * computation ({@link #expected}).
 */
final class Jobs {

    /** Far more than any job here needs on a loaded 2-core machine; reached only by a hang. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a hung rank gets to stop before it is interrupted, in tests that expect hangs. */
    private static final Duration HANG_ABORT_GRACE = Duration.ofMillis(500);

    private Jobs() {
    }

    /**
     * Runs {@code task} on {@code size} ranks and returns each rank's value in rank order; fails
     * the test, with the failing rank's exception as cause, if the job did not succeed.
     */
    static <T> List<T> onRanks(int size, RankTask<T> task) throws InterruptedException {
        return check(size, run(size, task));
    }

    /**
     * Like {@link #onRanks(int, RankTask)} with a shorter {@code timeout} and abort grace, for tests
     * whose failure mode is a hang, so that they fail quickly.
     */
    static <T> List<T> onRanks(int size, Duration timeout, RankTask<T> task) throws InterruptedException {
        return check(size, LocalJob.ranks(size).timeout(timeout).abortGrace(HANG_ABORT_GRACE).run(task));
    }

    /** The values of a job that succeeded; otherwise fails the test naming the failing rank. */
    private static <T> List<T> check(int size, JobResult<T> result) {
        if (!result.succeeded()) {
            int rank = result.failedRank().orElse(-1);
            Throwable cause = rank >= 0 ? result.outcome(rank).failure() : null;
            fail("job of " + size + " ranks failed: " + result.failureMessage().orElse("(no message)"), cause);
        }
        return result.values();
    }

    /** Runs {@code task} on {@code size} ranks and returns the whole result, failed or not. */
    static <T> JobResult<T> run(int size, RankTask<T> task) throws InterruptedException {
        return LocalJob.ranks(size).timeout(TIMEOUT).run(task);
    }

    /** What every rank of a job of {@code size} ranks should return, computed rank by rank. */
    static <T> List<T> expected(int size, IntFunction<T> perRank) {
        return IntStream.range(0, size).mapToObj(perRank).toList();
    }
}
