package org.mpjcluster.runtime.local;

import java.util.List;
import java.util.Optional;
import org.mpjcluster.engine.JobFailure;

/**
 * The result of a job: one outcome per rank and, if the job failed, why.
 *
 * @param <T> what each rank returns
 */
public final class JobResult<T> {

    private final List<RankOutcome<T>> outcomes;
    private final JobFailure failure;

    /**
     * A result made of the ranks' outcomes, in rank order, and the job's failure ({@code null} if
     * it succeeded): how a launcher that runs ranks elsewhere reports them.
     */
    public JobResult(List<RankOutcome<T>> outcomes, JobFailure failure) {
        this.outcomes = List.copyOf(outcomes);
        this.failure = failure;
    }

    /** Whether every rank returned normally. */
    public boolean succeeded() {
        return failure == null;
    }

    /** 0 if the job succeeded, otherwise the failing rank's status ({@code Abort} code or 1). */
    public int exitCode() {
        return failure == null ? 0 : failure.exitCode();
    }

    /** Why the job failed, naming the rank, or empty if it succeeded. */
    public Optional<String> failureMessage() {
        return Optional.ofNullable(failure).map(JobFailure::message);
    }

    /** The rank whose failure ended the job, or empty if it succeeded or no rank caused the end (a timeout). */
    public Optional<Integer> failedRank() {
        return Optional.ofNullable(failure).map(JobFailure::rank).filter(rank -> rank >= 0);
    }

    /** The outcome of every rank, in rank order. */
    public List<RankOutcome<T>> outcomes() {
        return outcomes;
    }

    /**
     * The outcome of {@code rank}.
     *
     * @throws IllegalArgumentException if the result holds no outcome for {@code rank}
     */
    public RankOutcome<T> outcome(int rank) {
        return outcomes.stream().filter(outcome -> outcome.rank() == rank).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no outcome for rank " + rank));
    }

    /**
     * Every rank's value, in rank order.
     *
     * @throws IllegalStateException if the job failed; its cause is the failing rank's exception
     */
    public List<T> values() {
        if (failure != null) {
            throw new IllegalStateException("job failed: " + failure.message(), failure.cause());
        }
        return outcomes.stream().map(RankOutcome::value).toList();
    }
}
