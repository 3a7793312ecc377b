package org.mpjcluster.runtime.job;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * Where a peer's HTTP API submits jobs: starts the job's {@link JobCoordinator} on this peer and
 * returns the job's updates as a stream that ends with {@link JobUpdate.Finished}. Cancelling
 * the stream (the submitter went away) cancels the job.
 */
public final class JobGateway {

    /**
     * Updates a slow submitter may fall behind by before its stream fails (and the job is cancelled):
     * a client that stopped reading is as good as gone.
     */
    private static final int UPDATE_BUFFER = 100_000;

    private final ActorSystem<?> system;
    private final JobCoordinator.Context context;

    /** A gateway on the peer running {@code system}, giving coordinators {@code context}. */
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
                system.systemActorOf(JobCoordinator.create(jobId, context), "job-" + jobId, Props.empty())
                    .tell(new JobCoordinator.Submit(spec, client));
                return NotUsed.getInstance();
            })
            .takeWhile(update -> !(update instanceof JobUpdate.Finished), true);
    }

    /** A job id: random, and naming the peer that coordinates it, {@code 3f9a0c1e@10.0.0.2:2552}. */
    private String newJobId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random) + "@" + context.self();
    }
}
