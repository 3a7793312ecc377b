package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * Where a peer's HTTP API submits jobs: starts the job's {@link JobCoordinator} (an entity in this
 * peer's shard) and
 * returns the job's updates as a stream that ends with {@link JobUpdate.Finished}. Cancelling
 * the stream (the submitter went away) cancels the job.
 */
public final class JobGateway {

    /**
     * Updates a slow submitter may fall behind by before its stream fails (and the job is cancelled):
     * a client that stopped reading is as good as gone.
     */
    private static final int UPDATE_BUFFER = 100_000;

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem<?> system;
    private final JobCoordinator.Context context;

    /** A gateway on the peer running {@code system}, which started the sharding of coordinators with {@code context}. */
    public JobGateway(ActorSystem<?> system, JobCoordinator.Context context) {
        this.system = system;
        this.context = context;
    }

    /** Submits {@code spec}; the stream starts with {@link JobUpdate.Accepted} or ends at once with why it was not. */
    public Source<JobUpdate, NotUsed> submit(JobSpec spec) {
        String jobId = newJobId();
        return ActorSource.<JobUpdate>actorRef(update -> false, update -> Optional.empty(), UPDATE_BUFFER,
                OverflowStrategy.fail())
            .mapMaterializedValue(client -> {
                JobCoordinator.of(system, jobId).tell(new JobCoordinator.Submit(spec, client));
                return NotUsed.getInstance();
            })
            .takeWhile(update -> !(update instanceof JobUpdate.Finished), true);
    }

    /** The jobs that run on the cluster now, as their coordinators describe them, oldest first. */
    public CompletionStage<List<JobSummary>> jobs() {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                replyTo -> Receptionist.find(JobCoordinator.JOBS_KEY, replyTo), ASK_TIMEOUT, system.scheduler())
            .thenCompose(listing -> {
                List<CompletableFuture<JobSummary>> summaries = listing.getServiceInstances(JobCoordinator.JOBS_KEY)
                    .stream().map(coordinator -> AskPattern.<JobCoordinator.Command, JobSummary>ask(coordinator,
                        JobCoordinator.Describe::new, ASK_TIMEOUT, system.scheduler())
                        .toCompletableFuture().exceptionally(gone -> null))
                    .toList();
                return CompletableFuture.allOf(summaries.toArray(CompletableFuture[]::new))
                    .thenApply(done -> summaries.stream().map(CompletableFuture::join).filter(Objects::nonNull)
                        .sorted(Comparator.comparingLong(JobSummary::runningMillis).reversed()).toList());
            });
    }

    /** Cancels the running job {@code jobId}; completes with false if no such job runs. */
    public CompletionStage<Boolean> cancel(String jobId) {
        return jobs().thenApply(running -> {
            boolean found = running.stream().anyMatch(job -> job.jobId().equals(jobId));
            if (found) {
                JobCoordinator.of(system, jobId).tell(new JobCoordinator.Cancel("cancelled by a user"));
            }
            return found;
        });
    }

    /**
     * Passes the next chunk of job {@code jobId}'s standard input (an empty one for its end) to its
     * rank 0; completes with false if no such job runs or it asked for no input.
     */
    public CompletionStage<Boolean> input(String jobId, byte[] chunk) {
        return JobCoordinator.of(system, jobId).ask(replyTo -> new JobCoordinator.Input(chunk, replyTo), ASK_TIMEOUT);
    }

    /** A job id: random, and naming the peer that coordinates it, {@code 3f9a0c1e@10.0.0.2:2552}. */
    private String newJobId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random) + "@" + context.self();
    }
}
