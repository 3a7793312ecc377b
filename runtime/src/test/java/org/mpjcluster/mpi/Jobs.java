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

    private Jobs() {
    }

    /**
     * Runs {@code task} on {@code size} ranks and returns each rank's value in rank order; fails
     * the test, with the failing rank's exception as cause, if the job did not succeed.
     */
    static <T> List<T> onRanks(int size, RankTask<T> task) throws InterruptedException {
        JobResult<T> result = run(size, task);
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
