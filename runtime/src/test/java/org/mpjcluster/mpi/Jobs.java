package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.LocalJob;
import org.mpjcluster.runtime.local.RankTask;
import org.mpjcluster.runtime.local.Transport;

/**
 * Runs a task on every rank of an in-JVM job, always with a timeout so that a bug fails the test
 * instead of hanging it, and collects what each rank returned for comparison with a sequential
 * computation ({@link #expected}).
 *
 * <p>The system property {@value #TRANSPORT_PROPERTY} chooses how the ranks talk, so the build
 * runs this suite once per transport: {@code shm} (the default), {@code tcp} (every rank over
 * loopback TCP), or {@code hybrid} (pairs of ranks share memory, tcp between pairs).
 */
final class Jobs {

    /** Far more than any job here needs on a loaded 2-core machine; reached only by a hang. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a hung rank gets to stop before it is interrupted, in tests that expect hangs. */
    private static final Duration HANG_ABORT_GRACE = Duration.ofMillis(500);
    /** The system property naming the transport the suite runs on. */
    static final String TRANSPORT_PROPERTY = "mpj.test.transport";
    /** Ranks per simulated JVM on the hybrid transport: the smallest block that still mixes shm and tcp. */
    private static final int HYBRID_RANKS_PER_JVM = 2;

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
        return check(size, job(size).timeout(timeout).abortGrace(HANG_ABORT_GRACE).run(task));
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
        return job(size).timeout(TIMEOUT).run(task);
    }

    /** A job of {@code size} ranks on the transport the suite runs on, without a timeout. */
    static LocalJob job(int size) {
        String transport = System.getProperty(TRANSPORT_PROPERTY, "shm");
        return switch (transport) {
            case "shm" -> LocalJob.ranks(size);
            case "tcp" -> LocalJob.ranks(size).transport(Transport.TCP);
            case "hybrid" -> LocalJob.ranks(size).ranksPerJvm(HYBRID_RANKS_PER_JVM);
            default -> throw new IllegalArgumentException(TRANSPORT_PROPERTY + " must be shm, tcp or hybrid, not "
                + transport);
        };
    }

    /** What every rank of a job of {@code size} ranks should return, computed rank by rank. */
    static <T> List<T> expected(int size, IntFunction<T> perRank) {
        return IntStream.range(0, size).mapToObj(perRank).toList();
    }
}
