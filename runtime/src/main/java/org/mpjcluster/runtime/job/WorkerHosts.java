package org.mpjcluster.runtime.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.mpjcluster.runtime.blob.BlobCache;
import org.mpjcluster.runtime.blob.BlobFetcher;
import org.mpjcluster.runtime.blob.BlobServer;
import org.mpjcluster.runtime.node.CborSerializable;

/**
 * The actor through which a peer runs the worker JVMs of jobs: one {@link WorkerHost} child per
 * worker, named after its job and index, to which it routes the coordinators' messages. It
 * registers with the receptionist, so that a job's coordinator finds the peers' hosts.
 */
public final class WorkerHosts extends AbstractBehavior<WorkerHosts.Command> {

    /** The key every peer's worker hosts register under. */
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "mpj-worker-hosts");

    /** What the worker hosts handle. */
    public interface Command extends CborSerializable {
    }

    /**
     * Run worker {@code worker} of job {@code jobId}: ranks {@code firstRank..+rankCount} of
     * {@code spec}, fetching the shipped files from {@code files}, reporting to {@code coordinator}.
     * {@code peer} is this peer's name in the job (in output tags and messages).
     */
    public record Host(String jobId, int worker, int worldSize, int firstRank, int rankCount, String secret,
                       JobSpec spec, String peer, ActorRef<BlobServer.Command> files,
                       ActorRef<JobCoordinator.Command> coordinator) implements Command {
        /** Hides the secret from logs. */
        @Override
        public String toString() {
            return "Host[job=" + jobId + ", worker=" + worker + ", ranks=" + firstRank + "+" + rankCount + "]";
        }
    }

    /** A control frame for worker {@code worker} of job {@code jobId}; dropped if it is not running. */
    public record RelayTo(String jobId, int worker, byte[] frame) implements Command {
    }

    /** The next chunk of job {@code jobId}'s standard input, for worker {@code worker}; dropped if it is not running. */
    public record InputTo(String jobId, int worker, byte[] chunk) implements Command {
    }

    /**
     * End worker {@code worker} of job {@code jobId} (SIGKILL if {@code kill}, else SIGTERM); if it
     * is not running, {@code coordinator} hears that it ended.
     */
    public record StopWorker(String jobId, int worker, boolean kill, ActorRef<JobCoordinator.Command> coordinator)
        implements Command {
    }

    /**
     * The peer is leaving: start no more workers, and answer {@code replyTo} once every worker has
     * ended, stopping those still running after {@code grace}.
     */
    public record Drain(Duration grace, ActorRef<Done> replyTo) implements Command {
    }

    private enum GraceOver implements Command { INSTANCE }

    private record WorkerEnded(ActorRef<WorkerHost.Command> worker) implements Command {
    }

    /** How long a peer serving the job's files may stay silent before a fetch fails. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

    private final WorkerHost.Settings settings;
    private final TimerScheduler<Command> timers;
    /** Whom to tell once drained, from the moment the peer started leaving. */
    private ActorRef<Done> drained;

    private WorkerHosts(ActorContext<Command> context, TimerScheduler<Command> timers, WorkerHost.Settings settings) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
    }

    /**
     * The worker hosts of a peer whose ranks' devices listen on {@code bindAddress}, whose job
     * directories are made under {@code stateDir/jobs} (and its workers' class-data archives
     * under {@code stateDir/cds}), and whose shipped files are kept in {@code cache}.
     */
    public static Behavior<Command> create(String bindAddress, Path stateDir, BlobCache cache) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new WorkerHosts(context, timers,
            new WorkerHost.Settings(bindAddress, stateDir.resolve("jobs"), stateDir.resolve("cds"), cache,
                new BlobFetcher(FETCH_TIMEOUT)))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Host.class, this::onHost)
            .onMessage(RelayTo.class, relay -> {
                child(relay.jobId(), relay.worker()).ifPresent(host -> host.tell(new WorkerHost.Relay(relay.frame())));
                return this;
            })
            .onMessage(InputTo.class, input -> {
                child(input.jobId(), input.worker()).ifPresent(host -> host.tell(new WorkerHost.Input(input.chunk())));
                return this;
            })
            .onMessage(StopWorker.class, this::onStopWorker)
            .onMessage(Drain.class, this::onDrain)
            .onMessageEquals(GraceOver.INSTANCE, this::onGraceOver)
            .onMessage(WorkerEnded.class, ended -> drainedIfDone())
            .build();
    }

    private Behavior<Command> onHost(Host host) {
        String name = childName(host.jobId(), host.worker());
        if (drained != null) {
            host.coordinator().tell(new JobCoordinator.WorkerFailed(host.worker(),
                "peer " + host.peer() + " is leaving the cluster"));
        } else if (getContext().getChild(name).isPresent()) {
            host.coordinator().tell(new JobCoordinator.WorkerFailed(host.worker(),
                "peer " + host.peer() + " already runs worker " + host.worker() + " of job " + host.jobId()));
        } else {
            ActorRef<WorkerHost.Command> worker = getContext().spawn(WorkerHost.create(host, settings), name);
            getContext().watchWith(worker, new WorkerEnded(worker));
        }
        return this;
    }

    private Behavior<Command> onDrain(Drain drain) {
        drained = drain.replyTo();
        int running = getContext().getChildren().size();
        if (running > 0) {
            getContext().getLog().info("leaving: waiting up to {} for the {} worker JVMs of running jobs to end",
                drain.grace(), running);
            timers.startSingleTimer(GraceOver.INSTANCE, drain.grace());
        }
        return drainedIfDone();
    }

    private Behavior<Command> onGraceOver() {
        getContext().getLog().warn("leaving: stopping the {} worker JVMs still running after the drain grace",
            getContext().getChildren().size());
        getContext().getChildren().forEach(getContext()::stop);
        return this;
    }

    private Behavior<Command> drainedIfDone() {
        if (drained != null && getContext().getChildren().isEmpty()) {
            drained.tell(Done.getInstance());
        }
        return this;
    }

    private Behavior<Command> onStopWorker(StopWorker stop) {
        Optional<ActorRef<WorkerHost.Command>> host = child(stop.jobId(), stop.worker());
        if (host.isPresent()) {
            host.get().tell(new WorkerHost.Stop(stop.kill()));
        } else {
            stop.coordinator().tell(new JobCoordinator.WorkerExited(stop.worker(), WorkerHost.NEVER_STARTED));
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private Optional<ActorRef<WorkerHost.Command>> child(String jobId, int worker) {
        return getContext().getChild(childName(jobId, worker)).map(child -> (ActorRef<WorkerHost.Command>) (ActorRef<?>) child);
    }

    private static String childName(String jobId, int worker) {
        return "worker-" + jobId + "-" + worker;
    }
}
