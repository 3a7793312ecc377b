package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What a job's coordinator knows of the job in every phase: its id and spec, whom to tell how it
 * goes, since when it runs, and the reservation that holds its slots; and how the job ends.
 */
final class SubmittedJob {

    private final String jobId;
    private final JobSpec spec;
    private final long submittedNanos = System.nanoTime();
    private ActorRef<JobUpdate> client;
    private ActorRef<SlotReservation.Command> reservation;
    private boolean finished;

    SubmittedJob(String jobId, JobSpec spec, ActorRef<JobUpdate> client) {
        this.jobId = jobId;
        this.spec = spec;
        this.client = client;
    }

    String jobId() {
        return jobId;
    }

    JobSpec spec() {
        return spec;
    }

    /** Tells the submitter {@code update}. */
    void tell(JobUpdate update) {
        client.tell(update);
    }

    /** Whether {@code ref} is the submitter's end of the job's stream. */
    boolean isClient(ActorRef<?> ref) {
        return ref.equals(client);
    }

    /** The submitter is gone: what remains to say goes to {@code nobody}. */
    void clientGone(ActorRef<JobUpdate> nobody) {
        client = nobody;
    }

    /** The reservation now holding the job's slots, or null while none does. */
    void reservation(ActorRef<SlotReservation.Command> holding) {
        reservation = holding;
    }

    /** The job as {@code --jobs} lists it. */
    JobSummary summary(String state, List<Placement.Share> shares, List<RankState> ranks) {
        return new JobSummary(jobId, spec.ranks(), spec.mainClass(), state, shares,
            Duration.ofNanos(System.nanoTime() - submittedNanos).toMillis(), ranks);
    }

    /** The coordinator stops: if the job has not ended, the submitter hears that it will not. */
    void coordinatorStopped() {
        if (!finished) {
            client.tell(new JobUpdate.Finished(1, List.of("mpjrun: the coordinator of job " + jobId
                + " stopped before the job ended")));
        }
    }

    /** Ends the job: gives its slots back, tells the submitter {@code exitCode} and {@code report}, stops the coordinator. */
    <T> Behavior<T> finish(int exitCode, List<String> report) {
        finished = true;
        if (reservation != null) {
            reservation.tell(SlotReservation.Release.INSTANCE);
        }
        client.tell(new JobUpdate.Finished(exitCode, report));
        return Behaviors.stopped();
    }
}
