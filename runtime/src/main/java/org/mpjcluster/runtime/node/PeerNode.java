package org.mpjcluster.runtime.node;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.mpjcluster.runtime.blob.BlobCache;
import org.mpjcluster.runtime.blob.BlobServer;
import org.mpjcluster.runtime.config.MpjConfig;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.http.PeerHttpApi;
import org.mpjcluster.runtime.http.PeerHttpSettings;
import org.mpjcluster.runtime.job.JobCoordinator;
import org.mpjcluster.runtime.job.JobGateway;
import org.mpjcluster.runtime.job.WorkerHosts;

/**
 * A running peer: an actor system that is a member of the MPJ cluster, serves its HTTP API (the
 * peer list and job submission, behind the token kept in the state directory), publishes its
 * facts, serves and caches the files of jobs, and hosts the worker JVMs of jobs placed on it.
 * {@code mpj-node join} runs one.
 */
public final class PeerNode {

    /** Name of the actor system of every peer: peers join only systems of the same name. */
    public static final String SYSTEM_NAME = "mpj";

    /** Why a peer stops when it was asked to leave (SIGTERM, {@code mpj-node leave}, {@link #leave()}). */
    private enum LeaveRequested implements CoordinatedShutdown.Reason { INSTANCE }

    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration HTTP_BIND_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond the drain grace: for the stopped workers to end and be reported. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);

    private final NodeSettings settings;
    private final ActorSystem<Void> system;
    private final PeerDirectory directory;
    private final PeerHttpApi api;

    private PeerNode(NodeSettings settings, ActorSystem<Void> system, PeerDirectory directory, PeerHttpApi api) {
        this.settings = settings;
        this.system = system;
        this.directory = directory;
        this.api = api;
    }

    /**
     * Starts a peer: joins the cluster through {@code settings.seeds()}, or forms a new cluster
     * with itself as its first member when there are none.
     *
     * @throws IllegalArgumentException if a seed is not {@code host:port}
     * @throws IllegalStateException    if the HTTP API cannot start (its port is taken, or the
     *                                  token file cannot be read or written); the peer is stopped
     */
    public static PeerNode start(NodeSettings settings) {
        List<Address> seeds = settings.seeds().stream().map(seed -> PeerAddress.parse(SYSTEM_NAME, seed)).toList();
        Duration drainGrace = settings.drainGrace();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, ConfigFactory.parseMap(
                Map.of("pekko.coordinated-shutdown.phases.before-service-unbind.timeout",
                    drainGrace.plus(DRAIN_MARGIN).toMillis() + "ms"), "mpj-node drain grace")
            .withFallback(settings.config()));
        PeerDirectory directory = new ClusterPeerDirectory(system, DIRECTORY_TIMEOUT);
        BlobCache cache = openCache(system, settings);
        ActorRef<BlobServer.Command> files = system.systemActorOf(BlobServer.create(cache), "blob-server", Props.empty());
        ActorRef<WorkerHosts.Command> workers = system.systemActorOf(
            WorkerHosts.create(settings.host(), settings.stateDir(), cache), "worker-hosts", Props.empty());
        MpjConfig launcher = MpjConfig.from(settings.config());
        JobCoordinator.Context coordinators = new JobCoordinator.Context(
            PeerAddress.of(Cluster.get(system).selfMember().address()), directory, files, settings.reservationLease(),
            launcher.abortGrace(), launcher.startTimeout());
        JobCoordinator.init(system, coordinators);
        JobGateway jobs = new JobGateway(system, coordinators);
        PeerHttpApi api = startHttpApi(system, settings, directory, jobs, cache);
        InetSocketAddress http = api.address();
        PeerSlots.init(system, settings.reservationLease());
        system.systemActorOf(PeerFactsPublisher.create(settings, settings.host() + ":" + http.getPort()),
            "peer-facts", Props.empty());
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "drain-jobs",
            () -> drain(system, workers, drainGrace));
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-http-api",
            () -> api.stop());
        Cluster cluster = Cluster.get(system);
        if (seeds.isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        } else {
            cluster.manager().tell(new JoinSeedNodes(seeds));
        }
        system.log().info("peer {} started, {}; HTTP API at {} (mpjrun --cluster {})",
            PeerAddress.of(cluster.selfMember().address()),
            seeds.isEmpty() ? "forming a new cluster" : "joining through " + settings.seeds(),
            "http://" + http.getHostString() + ":" + http.getPort(), http.getHostString() + ":" + http.getPort());
        return new PeerNode(settings, system, directory, api);
    }

    /** Binds the HTTP API, waiting for it, so that the facts publish the port it really took. */
    private static PeerHttpApi startHttpApi(ActorSystem<Void> system, NodeSettings settings, PeerDirectory directory,
                                            JobGateway jobs, BlobCache cache) {
        try {
            PeerHttpSettings http = PeerHttpSettings.from(settings.config());
            ApiToken token = ApiToken.loadOrCreate(http.tokenFile());
            return PeerHttpApi.start(system, http, directory, token, jobs, cache).toCompletableFuture()
                .get(HTTP_BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            system.terminate();
            throw new IllegalStateException("the peer's HTTP API cannot start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.terminate();
            throw new IllegalStateException("interrupted while starting the peer's HTTP API", e);
        }
    }

    /**
     * As the peer starts leaving: its slots go to no new job, and the worker JVMs of running jobs
     * get {@code grace} to end before they are stopped.
     */
    private static CompletionStage<Done> drain(ActorSystem<Void> system, ActorRef<WorkerHosts.Command> workers,
                                               Duration grace) {
        PeerSlots.of(system, PeerAddress.of(Cluster.get(system).selfMember().address())).tell(PeerSlots.Withdraw.INSTANCE);
        return AskPattern.<WorkerHosts.Command, Done>ask(workers, replyTo -> new WorkerHosts.Drain(grace, replyTo),
                grace.plus(DRAIN_MARGIN), system.scheduler())
            .exceptionally(late -> Done.getInstance());
    }

    /** Opens the peer's cache of job files, stopping the peer if it cannot. */
    private static BlobCache openCache(ActorSystem<Void> system, NodeSettings settings) {
        try {
            return BlobCache.open(settings);
        } catch (IOException | RuntimeException e) {
            system.terminate();
            throw new IllegalStateException("the peer's cache of job files cannot open: " + e.getMessage(), e);
        }
    }

    /** The peers of the cluster as this peer knows them. */
    public PeerDirectory directory() {
        return directory;
    }

    /** Where this peer's HTTP API listens. */
    public InetSocketAddress httpAddress() {
        return api.address();
    }

    /** The settings this peer runs with. */
    public NodeSettings settings() {
        return settings;
    }

    /** This peer's cluster address, {@code host:port}, with the port it actually listens on. */
    public String address() {
        return PeerAddress.of(Cluster.get(system).selfMember().address());
    }

    /** The peer's actor system, for the services that run beside it (such as the HTTP API). */
    public ActorSystem<Void> system() {
        return system;
    }

    /**
     * Leaves the cluster gracefully (the others see this peer leave rather than fail) and stops
     * the peer; completes when it has stopped. Calling it again is harmless.
     */
    public CompletionStage<Done> leave() {
        return CoordinatedShutdown.get(system).runAll(LeaveRequested.INSTANCE);
    }

    /** Completes when the peer has stopped, whether it left or was removed from the cluster. */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /**
     * Whether the peer stopped because it was asked to leave, rather than because the cluster
     * downed it (such as on the minority side of a network partition).
     */
    public boolean leftGracefully() {
        return CoordinatedShutdown.get(system).getShutdownReason()
            .map(reason -> reason == LeaveRequested.INSTANCE || reason == CoordinatedShutdown.clusterLeavingReason())
            .orElse(false);
    }
}
