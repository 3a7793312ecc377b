package org.mpjcluster.runtime.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.mpjcluster.runtime.job.JobCoordinator.Command;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.OutcomeReport;
import org.mpjcluster.runtime.process.RemoteSupervision;

/**
 * The running phase of a job's coordinator, once the job is placed and its slots reserved: asks
 * each chosen peer's {@link WorkerHosts} to start a worker JVM, relays between the workers and the
 * job's {@link RemoteSupervision} (endpoint table, failures, outcomes) which runs on a thread of
 * its own, streams the workers' output to the submitter, passes the submitter's standard input to
 * the worker of rank 0 (as far as that worker's peer grants credit), and ends the job with one exit
 * status. Each rank is a supervised {@link RankGroup} child whose replicas (one for now) track where the
 * rank runs and how far it got, and which decides when losing a peer loses the rank.
 */
final class JobRun extends AbstractBehavior<Command> {

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private record Supervised(JobResult<Void> result, Throwable failure) implements Command {
    }

    private record RankLost(RankGroup.RankLost lost) implements Command {
    }

    private final SubmittedJob job;
    private final JobCoordinator.Context peer;
    private final List<Placement.Share> shares;
    private final Map<String, ActorRef<WorkerHosts.Command>> hostsByPeer;
    private final RemoteSupervision supervision;
    /** Every rank's group, by rank. */
    private final List<ActorRef<RankGroup.Command>> rankGroups = new ArrayList<>();
    /** The workers whose end the supervision has been told of. */
    private final Set<Integer> exited = new HashSet<>();

    /**
     * Starts {@code job} on {@code shares}, each peer's worker hosts in {@code hostsByPeer}; the
     * workers get the job's {@code secret}.
     */
    JobRun(ActorContext<Command> context, SubmittedJob job, JobCoordinator.Context peer, String secret,
           List<Placement.Share> shares, Map<String, ActorRef<WorkerHosts.Command>> hostsByPeer) {
        super(context);
        this.job = job;
        this.peer = peer;
        this.shares = List.copyOf(shares);
        this.hostsByPeer = Map.copyOf(hostsByPeer);
        JobSpec spec = job.spec();
        List<RemoteSupervision.Block> blocks = shares.stream()
            .map(share -> new RemoteSupervision.Block(share.peer(), share.firstRank(), share.rankCount())).toList();
        supervision = new RemoteSupervision(new RemoteSupervision.Program(job.jobId(), spec.mainClass(), spec.args(),
            spec.tagOutput(), spec.abortGrace(peer.abortGrace()), peer.abortGrace(), peer.startTimeout(),
            spec.timeout()), blocks, this::hostOf);
        startRankGroups();
        supervision.onRankEnded((rank, ending) -> rankGroups.get(rank).tell(new RankGroup.ReplicaEnded(0, ending)));
        superviseOnItsOwnThread();
        for (int worker = 0; worker < shares.size(); worker++) {
            Placement.Share share = shares.get(worker);
            ActorRef<WorkerHosts.Command> host = hostsByPeer.get(share.peer());
            context.watch(host);
            host.tell(new WorkerHosts.Host(job.jobId(), worker, spec.ranks(), share.firstRank(), share.rankCount(),
                secret, spec, share.peer(), peer.files(), context.getSelf()));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(JobCoordinator.WorkerStarted.class, this::onWorkerStarted)
            .onMessage(JobCoordinator.WorkerFailed.class, this::onWorkerFailed)
            .onMessage(JobCoordinator.WorkerConnected.class, connected -> {
                supervision.connected(connected.worker());
                return this;
            })
            .onMessage(JobCoordinator.WorkerSaid.class, said -> {
                supervision.relayed(said.worker(), said.frame());
                return this;
            })
            .onMessage(JobCoordinator.WorkerOutput.class, output -> {
                job.tell(new JobUpdate.Output(shares.get(output.worker()).peer(), output.error(), output.line()));
                return this;
            })
            .onMessage(JobCoordinator.WorkerExited.class, this::onWorkerExited)
            .onMessage(JobCoordinator.InputCredit.class, credit -> {
                job.tell(new JobUpdate.InputCredit(credit.bytes()));
                return this;
            })
            .onMessage(JobCoordinator.Input.class, this::onInput)
            .onMessage(RankLost.class, this::onRankLost)
            .onMessage(Supervised.class, this::onSupervised)
            .onMessage(JobCoordinator.Cancel.class, cancel -> {
                supervision.cancel(cancel.reason(), JobCoordinator.EXIT_CANCELLED);
                return this;
            })
            .onMessage(JobCoordinator.Describe.class, this::onDescribe)
            .onMessage(JobCoordinator.Submit.class, JobCoordinator::refuseResubmission)
            .onSignal(Terminated.class, this::onTerminated)
            .onSignal(PostStop.class, stopped -> {
                job.coordinatorStopped();
                return this;
            })
            .build();
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

    /** The supervision blocks while the job runs, so it gets a thread; its result comes back as a message. */
    private void superviseOnItsOwnThread() {
        ActorRef<Command> self = getContext().getSelf();
        Thread supervisor = new Thread(() -> {
            try {
                self.tell(new Supervised(supervision.supervise(), null));
            } catch (InterruptedException | RuntimeException e) {
                self.tell(new Supervised(null, e));
            }
        }, "mpj-job-" + job.jobId());
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** How the supervision reaches worker {@code worker}: through its peer's worker hosts. */
    private RemoteSupervision.Host hostOf(int worker) {
        ActorRef<WorkerHosts.Command> host = hostsByPeer.get(shares.get(worker).peer());
        ActorRef<Command> self = getContext().getSelf();
        String jobId = job.jobId();
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

    /** Passes a chunk of standard input to the worker of rank 0, the first one. */
    private Behavior<Command> onInput(JobCoordinator.Input input) {
        hostsByPeer.get(shares.get(0).peer()).tell(new WorkerHosts.InputTo(job.jobId(), 0, input.chunk()));
        input.replyTo().tell(true);
        return this;
    }

    private Behavior<Command> onWorkerStarted(JobCoordinator.WorkerStarted started) {
        supervision.started(started.worker(), started.pid());
        forRanksOf(started.worker(), group -> group.tell(new RankGroup.ReplicaStarted(0, started.pid())));
        return this;
    }

    private Behavior<Command> onWorkerFailed(JobCoordinator.WorkerFailed failed) {
        supervision.cancel(failed.reason(), 1);
        return onWorkerExited(new JobCoordinator.WorkerExited(failed.worker(), 1));
    }

    private Behavior<Command> onWorkerExited(JobCoordinator.WorkerExited ended) {
        if (exited.add(ended.worker())) {
            supervision.exited(ended.worker(), ended.exitStatus());
        }
        return this;
    }

    /** A rank has no replica left: the worker that ran it is lost, and with it the job. */
    private Behavior<Command> onRankLost(RankLost message) {
        int rank = message.lost().rank();
        for (int worker = 0; worker < shares.size(); worker++) {
            Placement.Share share = shares.get(worker);
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

    /** The submitter went away (the job is cancelled), or a peer did (its replicas are lost). */
    private Behavior<Command> onTerminated(Terminated terminated) {
        if (job.isClient(terminated.getRef())) {
            job.clientGone(getContext().getSystem().ignoreRef());
            supervision.cancel("its submitter went away", JobCoordinator.EXIT_CANCELLED);
            return this;
        }
        String gone = JobCoordinator.peerOf(terminated.getRef(), peer.self());
        for (int worker = 0; worker < shares.size(); worker++) {
            if (shares.get(worker).peer().equals(gone)) {
                forRanksOf(worker, group -> group.tell(new RankGroup.ReplicaLost(0,
                    "peer " + gone + " left the cluster or stopped")));
            }
        }
        return this;
    }

    /** Answers with the job's summary, once its rank groups have told their replicas' states. */
    private Behavior<Command> onDescribe(JobCoordinator.Describe describe) {
        List<CompletableFuture<List<RankState>>> replicas = rankGroups.stream()
            .map(group -> AskPattern.<RankGroup.Command, List<RankState>>ask(group, RankGroup.Describe::new,
                DESCRIBE_TIMEOUT, getContext().getSystem().scheduler()).toCompletableFuture())
            .toList();
        CompletableFuture.allOf(replicas.toArray(CompletableFuture[]::new)).whenComplete((done, late) ->
            describe.replyTo().tell(job.summary("running", shares, replicas.stream()
                .filter(reply -> !reply.isCompletedExceptionally()).flatMap(reply -> reply.join().stream()).toList())));
        return this;
    }

    private Behavior<Command> onSupervised(Supervised supervised) {
        if (supervised.failure() != null) {
            return job.finish(1, List.of("mpjrun: the supervision of job " + job.jobId() + " failed: "
                + supervised.failure()));
        }
        JobResult<Void> result = supervised.result();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        OutcomeReport.print(result, result.exitCode(), new PrintStream(report, true, StandardCharsets.UTF_8));
        return job.finish(result.exitCode(), report.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
