package org.mpjcluster.runtime.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.OutcomeReport;
import org.mpjcluster.runtime.node.CborSerializable;
import org.mpjcluster.runtime.node.OwningPeerAllocation;
import org.mpjcluster.runtime.node.PeerAddress;
import org.mpjcluster.runtime.node.PeerDirectory;
import org.mpjcluster.runtime.node.PeerFacts;
import org.mpjcluster.runtime.process.RemoteSupervision;

/**
 * Runs one job from submission to its end: places its ranks on peers with free slots and reserves
 * them (retrying while the submission's wait allows), asks each chosen peer's
 * {@link WorkerHosts} to start a worker JVM, relays between the workers and the job's
 * {@link RemoteSupervision} (endpoint table, failures, outcomes), streams their output to the
 * submitter, and ends with one exit status. Its {@link SlotReservation} child holds the slots and
 * gives them back however the job ends, the coordinator's own death included. Each rank is a
 * supervised {@link RankGroup} child whose replicas (one for now) track where the rank runs and
 * how far it got, and which decides when losing a peer loses the rank. The job is cancelled if its
 * submitter goes away before it ends.
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {

    /** Exit status of a job cancelled by a user or because its submitter went away (as for SIGINT). */
    public static final int EXIT_CANCELLED = 130;

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
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

    private record Facts(List<PeerFacts> peers, Throwable failure) implements Command {
    }

    private record Reservation(SlotReservation.Outcome outcome) implements Command {
    }

    private record Hosts(Set<ActorRef<WorkerHosts.Command>> hosts) implements Command {
    }

    private record Supervised(JobResult<Void> result, Throwable failure) implements Command {
    }

    private enum Retry implements Command { INSTANCE }

    private enum FindHosts implements Command { INSTANCE }

    private record RankLost(RankGroup.RankLost lost) implements Command {
    }

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
    private final String secret = DeviceContext.newSecret();
    private JobSpec spec;
    private ActorRef<JobUpdate> client;
    private long reserveDeadlineNanos;
    private long hostsDeadlineNanos;
    private List<Placement.Share> shares;
    private ActorRef<SlotReservation.Command> reservation;
    private final Map<String, ActorRef<WorkerHosts.Command>> hostsByPeer = new HashMap<>();
    /** Every rank's group, by rank, once the job is placed. */
    private final List<ActorRef<RankGroup.Command>> rankGroups = new ArrayList<>();
    /** The workers whose end the supervision has been told of. */
    private final Set<Integer> exited = new HashSet<>();
    private RemoteSupervision supervision;
    private boolean finished;
    private long submittedNanos;

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
            .onMessage(Describe.class, this::onDescribe)
            .onMessage(WorkerStarted.class, this::onWorkerStarted)
            .onMessage(RankLost.class, this::onRankLost)
            .onMessage(WorkerFailed.class, this::onWorkerFailed)
            .onMessage(WorkerConnected.class, connected -> {
                supervision.connected(connected.worker());
                return this;
            })
            .onMessage(WorkerSaid.class, said -> {
                supervision.relayed(said.worker(), said.frame());
                return this;
            })
            .onMessage(WorkerOutput.class, this::onOutput)
            .onMessage(WorkerExited.class, this::onWorkerExited)
            .onMessage(Supervised.class, this::onSupervised)
            .onSignal(Terminated.class, this::onTerminated)
            .onSignal(PostStop.class, stopped -> {
                if (!finished && client != null) {
                    client.tell(new JobUpdate.Finished(1, List.of("mpjrun: the coordinator of job " + jobId
                        + " stopped before the job ended")));
                }
                return this;
            })
            .build();
    }

    private Behavior<Command> onSubmit(Submit submit) {
        if (spec != null) {
            submit.client().tell(new JobUpdate.Finished(1, List.of("mpjrun: job " + jobId + " was submitted already")));
            return this;
        }
        spec = submit.spec();
        client = submit.client();
        submittedNanos = System.nanoTime();
        getContext().watch(client);
        getContext().getSystem().receptionist().tell(Receptionist.register(JOBS_KEY, getContext().getSelf()));
        try {
            spec.validate();
            Placement.Strategy.parse(spec.strategy());
        } catch (IllegalArgumentException e) {
            return finish(2, "mpjrun: " + e.getMessage());
        }
        client.tell(new JobUpdate.Accepted(jobId));
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
        try {
            shares = Placement.place(Placement.Strategy.parse(spec.strategy()), spec.ranks(), peer.self(), facts.peers());
        } catch (Placement.NotEnoughSlotsException | IllegalArgumentException e) {
            return retryOrFail(e.getMessage());
        }
        ActorRef<SlotReservation.Outcome> replies = getContext().messageAdapter(SlotReservation.Outcome.class,
            Reservation::new);
        reservation = getContext().spawnAnonymous(SlotReservation.create(jobId, shares, peer.lease(), ANSWER_TIMEOUT,
            replies));
        return this;
    }

    private Behavior<Command> retryOrFail(String reason) {
        if (System.nanoTime() - reserveDeadlineNanos >= 0) {
            String wait = spec.reserveTimeoutMillis() == 0 ? ""
                : " (waited " + Duration.ofMillis(spec.reserveTimeoutMillis()).toSeconds() + " s for free slots)";
            return finish(1, "mpjrun: job " + jobId + " cannot start: " + reason + wait);
        }
        timers.startSingleTimer(Retry.INSTANCE, RETRY_PAUSE);
        return this;
    }

    private Behavior<Command> onReservation(Reservation reply) {
        if (reply.outcome() instanceof SlotReservation.Refused refused) {
            reservation = null;
            return retryOrFail(refused.message());
        }
        client.tell(new JobUpdate.Placed(shares));
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
            hostsByPeer.put(peerOf(host), host);
        }
        for (Placement.Share share : shares) {
            if (!hostsByPeer.containsKey(share.peer())) {
                if (System.nanoTime() - hostsDeadlineNanos < 0) {
                    // The registrations of a peer that just joined take a moment to spread.
                    timers.startSingleTimer(FindHosts.INSTANCE, RETRY_PAUSE);
                    return this;
                }
                return finish(1, "mpjrun: job " + jobId + " cannot start: peer " + share.peer()
                    + " runs no worker host (it may be leaving the cluster)");
            }
        }
        List<RemoteSupervision.Block> blocks = shares.stream()
            .map(share -> new RemoteSupervision.Block(share.peer(), share.firstRank(), share.rankCount())).toList();
        supervision = new RemoteSupervision(new RemoteSupervision.Program(jobId, spec.mainClass(), spec.args(),
            spec.tagOutput(), peer.abortGrace(), peer.startTimeout(), null), blocks, this::hostOf);
        startRankGroups();
        supervision.onRankEnded((rank, ending) -> rankGroups.get(rank).tell(new RankGroup.ReplicaEnded(0, ending)));
        ActorRef<Command> self = getContext().getSelf();
        Thread supervisor = new Thread(() -> {
            try {
                self.tell(new Supervised(supervision.supervise(), null));
            } catch (InterruptedException | RuntimeException e) {
                self.tell(new Supervised(null, e));
            }
        }, "mpj-job-" + jobId);
        supervisor.setDaemon(true);
        supervisor.start();
        int worldSize = spec.ranks();
        for (int worker = 0; worker < shares.size(); worker++) {
            Placement.Share share = shares.get(worker);
            ActorRef<WorkerHosts.Command> host = hostsByPeer.get(share.peer());
            getContext().watch(host);
            host.tell(new WorkerHosts.Host(jobId, worker, worldSize, share.firstRank(), share.rankCount(), secret, spec,
                share.peer(), peer.files(), getContext().getSelf()));
        }
        return this;
    }

    /** One supervised group per rank, with its one replica on the peer its share names. */
    private void startRankGroups() {
        ActorRef<RankGroup.RankLost> lost = getContext().messageAdapter(RankGroup.RankLost.class, RankLost::new);
        for (Placement.Share share : shares) {
            for (int rank = share.firstRank(); rank < share.firstRank() + share.rankCount(); rank++) {
                rankGroups.add(getContext().spawn(Behaviors.supervise(RankGroup.create(rank, List.of(share.peer()), lost))
                    .onFailure(SupervisorStrategy.resume()), "rank-" + rank));
            }
        }
    }

    private Behavior<Command> onWorkerStarted(WorkerStarted started) {
        supervision.started(started.worker(), started.pid());
        forRanksOf(started.worker(), group -> group.tell(new RankGroup.ReplicaStarted(0, started.pid())));
        return this;
    }

    /** A rank has no replica left: the worker that ran it is lost, and with it the job. */
    private Behavior<Command> onRankLost(RankLost message) {
        for (int worker = 0; worker < shares.size(); worker++) {
            Placement.Share share = shares.get(worker);
            int rank = message.lost().rank();
            if (rank >= share.firstRank() && rank < share.firstRank() + share.rankCount() && exited.add(worker)) {
                supervision.lost(worker, message.lost().reason());
            }
        }
        return this;
    }

    private void forRanksOf(int worker, Consumer<ActorRef<RankGroup.Command>> action) {
        Placement.Share share = shares.get(worker);
        rankGroups.subList(share.firstRank(), share.firstRank() + share.rankCount()).forEach(action);
    }

    /** How the supervision reaches worker {@code worker}: through its peer's worker hosts. */
    private RemoteSupervision.Host hostOf(int worker) {
        ActorRef<WorkerHosts.Command> host = hostsByPeer.get(shares.get(worker).peer());
        ActorRef<Command> self = getContext().getSelf();
        return new RemoteSupervision.Host() {
            @Override
            public void relay(byte[] frame) {
                host.tell(new WorkerHosts.RelayTo(jobId, worker, frame));
            }

            @Override
            public void stop() {
                host.tell(new WorkerHosts.StopWorker(jobId, worker, false, self));
            }

            @Override
            public void kill() {
                host.tell(new WorkerHosts.StopWorker(jobId, worker, true, self));
            }
        };
    }

    private String peerOf(ActorRef<?> ref) {
        return ref.path().address().getHost().isPresent() ? PeerAddress.of(ref.path().address()) : peer.self();
    }

    private Behavior<Command> onWorkerFailed(WorkerFailed failed) {
        supervision.cancel(failed.reason(), 1);
        return onWorkerExited(new WorkerExited(failed.worker(), 1));
    }

    private Behavior<Command> onOutput(WorkerOutput output) {
        client.tell(new JobUpdate.Output(shares.get(output.worker()).peer(), output.error(), output.line()));
        return this;
    }

    private Behavior<Command> onWorkerExited(WorkerExited ended) {
        if (exited.add(ended.worker())) {
            supervision.exited(ended.worker(), ended.exitStatus());
        }
        return this;
    }

    /** Answers with the job's summary, once its rank groups have told their replicas' states. */
    private Behavior<Command> onDescribe(Describe describe) {
        if (spec == null) {
            return this;
        }
        String state = supervision == null ? "placing" : "running";
        List<Placement.Share> placed = supervision == null ? List.of() : shares;
        long runningMillis = Duration.ofNanos(System.nanoTime() - submittedNanos).toMillis();
        List<CompletableFuture<List<RankState>>> replicas = rankGroups.stream()
            .map(group -> AskPattern.<RankGroup.Command, List<RankState>>ask(group, RankGroup.Describe::new,
                ANSWER_TIMEOUT, getContext().getSystem().scheduler()).toCompletableFuture())
            .toList();
        CompletableFuture.allOf(replicas.toArray(CompletableFuture[]::new)).whenComplete((done, late) ->
            describe.replyTo().tell(new JobSummary(jobId, spec.ranks(), spec.mainClass(), state, placed, runningMillis,
                replicas.stream().filter(reply -> !reply.isCompletedExceptionally())
                    .flatMap(reply -> reply.join().stream()).toList())));
        return this;
    }

    private Behavior<Command> onCancel(Cancel cancel) {
        if (spec == null) {
            // A cancel for a job this peer never had started this entity: there is nothing to end.
            return Behaviors.stopped();
        }
        if (supervision != null) {
            supervision.cancel(cancel.reason(), EXIT_CANCELLED);
            return this;
        }
        return finish(EXIT_CANCELLED, "mpjrun: job " + jobId + " cancelled before it started: " + cancel.reason());
    }

    private Behavior<Command> onTerminated(Terminated terminated) {
        if (terminated.getRef().equals(client)) {
            client = getContext().getSystem().ignoreRef();
            return onCancel(new Cancel("its submitter went away"));
        }
        String gone = peerOf(terminated.getRef());
        for (int worker = 0; worker < shares.size(); worker++) {
            if (shares.get(worker).peer().equals(gone)) {
                forRanksOf(worker, group -> group.tell(new RankGroup.ReplicaLost(0,
                    "peer " + gone + " left the cluster or stopped")));
            }
        }
        return this;
    }

    private Behavior<Command> onSupervised(Supervised supervised) {
        if (supervised.failure() != null) {
            return finish(1, "mpjrun: the supervision of job " + jobId + " failed: " + supervised.failure());
        }
        JobResult<Void> result = supervised.result();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        OutcomeReport.print(result, result.exitCode(), new PrintStream(report, true, StandardCharsets.UTF_8));
        return finish(result.exitCode(), report.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new));
    }

    private Behavior<Command> finish(int exitCode, String... report) {
        finished = true;
        if (reservation != null) {
            reservation.tell(SlotReservation.Release.INSTANCE);
        }
        client.tell(new JobUpdate.Finished(exitCode, List.of(report)));
        return Behaviors.stopped();
    }
}
