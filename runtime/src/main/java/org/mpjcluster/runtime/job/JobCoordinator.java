package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.runtime.blob.BlobServer;
import org.mpjcluster.runtime.node.CborSerializable;
import org.mpjcluster.runtime.node.OwningPeerAllocation;
import org.mpjcluster.runtime.node.PeerAddress;
import org.mpjcluster.runtime.node.PeerDirectory;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * Runs one job from submission to its end, as a sharded entity on the peer the job was submitted
 * to. This class is its placing phase: it checks the spec, places the ranks on peers with free
 * slots and reserves them (retrying while the submission's wait allows), and finds the chosen
 * peers' {@link WorkerHosts}; then {@link JobRun} takes over and runs the job. Its
 * {@link SlotReservation} child holds the slots and gives them back however the job ends, the
 * coordinator's own death included. The job is cancelled if its submitter goes away before it ends.
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {

    /** Exit status of a job cancelled by a user or because its submitter went away (as for SIGINT). */
    public static final int EXIT_CANCELLED = 130;

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** How long peers get to answer for their slots. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** How long the placed peers' worker hosts may take to appear in the receptionist's listing. */
    private static final Duration HOSTS_WAIT = Duration.ofSeconds(5);

    /** What the coordinator handles. */
    public interface Command extends CborSerializable {
    }

    /** Run {@code spec}, telling {@code client} how it goes. */
    public record Submit(JobSpec spec, ActorRef<JobUpdate> client) implements Command {
    }

    /** End the job for {@code reason}. */
    public record Cancel(String reason) implements Command {
    }

    /** Asks for the job's {@link JobSummary}. */
    public record Describe(ActorRef<JobSummary> replyTo) implements Command {
    }

    /** The key under which the coordinators of submitted jobs register, for listings. */
    public static final ServiceKey<Command> JOBS_KEY = ServiceKey.create(Command.class, "mpj-jobs");

    /** The peer of worker {@code worker} started its JVM as process {@code pid}. */
    public record WorkerStarted(int worker, long pid) implements Command {
    }

    /** Worker {@code worker} could not start, for {@code reason}. */
    public record WorkerFailed(int worker, String reason) implements Command {
    }

    /** Worker {@code worker} connected to its peer. */
    public record WorkerConnected(int worker) implements Command {
    }

    /** Worker {@code worker} sent a control frame. */
    public record WorkerSaid(int worker, byte[] frame) implements Command {
    }

    /** Worker {@code worker} printed {@code line}, on standard error if {@code error}. */
    public record WorkerOutput(int worker, boolean error, String line) implements Command {
    }

    /** The JVM of worker {@code worker} ended with {@code exitStatus}, its output relayed. */
    public record WorkerExited(int worker, int exitStatus) implements Command {
    }

    /** The submitter may send {@code bytes} more of the job's standard input (from the peer running rank 0). */
    public record InputCredit(long bytes) implements Command {
    }

    /**
     * The submitter's next chunk of the job's standard input, an empty one for its end; {@code replyTo}
     * hears whether it was passed on to rank 0, which it is only while the job runs.
     */
    public record Input(byte[] chunk, ActorRef<Boolean> replyTo) implements Command {
    }

    private record Facts(List<PeerFacts> peers, Throwable failure) implements Command {
    }

    private record Reservation(SlotReservation.Outcome outcome) implements Command {
    }

    private record Hosts(Set<ActorRef<WorkerHosts.Command>> hosts) implements Command {
    }

    private enum Retry implements Command { INSTANCE }

    private enum FindHosts implements Command { INSTANCE }

    /**
     * What the peer gives every coordinator it runs: its own address, the cluster's peers, where
     * the submitted files are served from, the slots' lease, how long the ranks get to stop after
     * a failure and how long the workers get to start.
     */
    public record Context(String self, PeerDirectory directory, ActorRef<BlobServer.Command> files, Duration lease,
                          Duration abortGrace, Duration startTimeout) {
    }

    private final TimerScheduler<Command> timers;
    private final String jobId;
    private final Context peer;
    private SubmittedJob job;
    private long reserveDeadlineNanos;
    private long hostsDeadlineNanos;
    private List<Placement.Share> shares;
    private final Map<String, ActorRef<WorkerHosts.Command>> hostsByPeer = new HashMap<>();

    private JobCoordinator(ActorContext<Command> context, TimerScheduler<Command> timers, String jobId, Context peer) {
        super(context);
        this.timers = timers;
        this.jobId = jobId;
        this.peer = peer;
    }

    /** The entity type of job coordinators; the entity id is the job id. */
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "JobCoordinator");

    /**
     * Starts the sharding of job coordinators on the peer that runs {@code system}: each job's
     * coordinator lives on the peer it was submitted to, and is never passivated while it runs.
     */
    public static void init(ActorSystem<?> system, Context peer) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, entity -> create(entity.getEntityId(), peer))
            .withMessageExtractor(new JobShards())
            .withAllocationStrategy(new OwningPeerAllocation(Cluster.get(system).selfMember().address()))
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    /** The coordinator of job {@code jobId}. */
    public static EntityRef<Command> of(ActorSystem<?> system, String jobId) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, jobId);
    }

    /** The coordinator of job {@code jobId} on the peer described by {@code peer}; it waits for {@link Submit}. */
    public static Behavior<Command> create(String jobId, Context peer) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new JobCoordinator(context, timers, jobId, peer)));
    }

    /** {@code host:port} of the peer {@code ref} lives on; {@code self} for a local one. */
    static String peerOf(ActorRef<?> ref, String self) {
        return ref.path().address().getHost().isPresent() ? PeerAddress.of(ref.path().address()) : self;
    }

    /** A job is submitted once: a second submission under its id is refused. */
    static <T> Behavior<T> refuseResubmission(Submit submit) {
        submit.client().tell(new JobUpdate.Finished(1, List.of("mpjrun: the job was submitted already")));
        return Behaviors.same();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Submit.class, this::onSubmit)
            .onMessage(Retry.class, retry -> readFacts())
            .onMessage(FindHosts.class, find -> findHosts())
            .onMessage(Facts.class, this::onFacts)
            .onMessage(Reservation.class, this::onReservation)
            .onMessage(Hosts.class, this::onHosts)
            .onMessage(Cancel.class, this::onCancel)
            .onMessage(Input.class, this::onInput)
            .onMessage(Describe.class, describe -> {
                if (job != null) {
                    describe.replyTo().tell(job.summary("placing", List.of(), List.of()));
                }
                return this;
            })
            .onSignal(Terminated.class, this::onTerminated)
            .onSignal(PostStop.class, stopped -> {
                if (job != null) {
                    job.coordinatorStopped();
                }
                return this;
            })
            .build();
    }

    private Behavior<Command> onSubmit(Submit submit) {
        if (job != null) {
            return refuseResubmission(submit);
        }
        job = new SubmittedJob(jobId, submit.spec(), submit.client());
        getContext().watch(submit.client());
        getContext().getSystem().receptionist().tell(Receptionist.register(JOBS_KEY, getContext().getSelf()));
        JobSpec spec = submit.spec();
        try {
            spec.validate();
            Placement.Strategy.parse(spec.strategy());
        } catch (IllegalArgumentException e) {
            return job.finish(2, List.of("mpjrun: " + e.getMessage()));
        }
        job.tell(new JobUpdate.Accepted(jobId));
        reserveDeadlineNanos = System.nanoTime() + Duration.ofMillis(spec.reserveTimeoutMillis()).toNanos();
        return readFacts();
    }

    private Behavior<Command> readFacts() {
        ActorSystem<?> system = getContext().getSystem();
        getContext().pipeToSelf(peer.directory().peers().thenCompose(facts -> FreshSlots.of(system, facts, ANSWER_TIMEOUT)),
            Facts::new);
        return this;
    }

    private Behavior<Command> onFacts(Facts facts) {
        if (facts.failure() != null) {
            return retryOrFail("the cluster's peers could not be listed: " + facts.failure().getMessage());
        }
        JobSpec spec = job.spec();
        try {
            shares = Placement.place(Placement.Strategy.parse(spec.strategy()), spec.ranks(), peer.self(), facts.peers());
        } catch (Placement.NotEnoughSlotsException | IllegalArgumentException e) {
            return retryOrFail(e.getMessage());
        }
        ActorRef<SlotReservation.Outcome> replies = getContext().messageAdapter(SlotReservation.Outcome.class,
            Reservation::new);
        job.reservation(getContext().spawnAnonymous(SlotReservation.create(jobId, shares, peer.lease(), ANSWER_TIMEOUT,
            replies)));
        return this;
    }

    private Behavior<Command> retryOrFail(String reason) {
        if (System.nanoTime() - reserveDeadlineNanos >= 0) {
            long waited = job.spec().reserveTimeoutMillis();
            String wait = waited == 0 ? "" : " (waited " + Duration.ofMillis(waited).toSeconds() + " s for free slots)";
            return job.finish(1, List.of("mpjrun: job " + jobId + " cannot start: " + reason + wait));
        }
        timers.startSingleTimer(Retry.INSTANCE, RETRY_PAUSE);
        return this;
    }

    private Behavior<Command> onReservation(Reservation reply) {
        if (reply.outcome() instanceof SlotReservation.Refused refused) {
            job.reservation(null);
            return retryOrFail(refused.message());
        }
        job.tell(new JobUpdate.Placed(shares));
        hostsDeadlineNanos = System.nanoTime() + HOSTS_WAIT.toNanos();
        return findHosts();
    }

    private Behavior<Command> findHosts() {
        ActorRef<Receptionist.Listing> listings = getContext().messageAdapter(Receptionist.Listing.class,
            listing -> new Hosts(listing.getServiceInstances(WorkerHosts.KEY)));
        getContext().getSystem().receptionist().tell(Receptionist.find(WorkerHosts.KEY, listings));
        return this;
    }

    private Behavior<Command> onHosts(Hosts found) {
        for (ActorRef<WorkerHosts.Command> host : found.hosts()) {
            hostsByPeer.put(peerOf(host, peer.self()), host);
        }
        for (Placement.Share share : shares) {
            if (!hostsByPeer.containsKey(share.peer())) {
                if (System.nanoTime() - hostsDeadlineNanos < 0) {
                    // The registrations of a peer that just joined take a moment to spread.
                    timers.startSingleTimer(FindHosts.INSTANCE, RETRY_PAUSE);
                    return this;
                }
                return job.finish(1, List.of("mpjrun: job " + jobId + " cannot start: peer " + share.peer()
                    + " runs no worker host (it may be leaving the cluster)"));
            }
        }
        return new JobRun(getContext(), job, peer, DeviceContext.newSecret(), shares, hostsByPeer);
    }

    private Behavior<Command> onCancel(Cancel cancel) {
        if (job == null) {
            // A cancel for a job this peer never had started this entity: there is nothing to end.
            return Behaviors.stopped();
        }
        return job.finish(EXIT_CANCELLED, List.of("mpjrun: job " + jobId + " cancelled before it started: "
            + cancel.reason()));
    }

    /** Input before the job runs was never asked for; without a job, this entity was started by the input alone. */
    private Behavior<Command> onInput(Input input) {
        input.replyTo().tell(false);
        return job == null ? Behaviors.stopped() : this;
    }

    private Behavior<Command> onTerminated(Terminated terminated) {
        job.clientGone(getContext().getSystem().ignoreRef());
        return onCancel(new Cancel("its submitter went away"));
    }
}
