package org.mpjcluster.runtime.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * A running peer: an actor system that is a member of the MPJ cluster and publishes its facts.
 * {@code mpj-node join} runs one; the HTTP API serves {@link #directory()} on {@link #httpPort()}.
 */
public final class PeerNode {

    /** Name of the actor system of every peer: peers join only systems of the same name. */
    public static final String SYSTEM_NAME = "mpj";

    /** Why a peer stops when it was asked to leave (SIGTERM, {@code mpj-node leave}, {@link #leave()}). */
    private enum LeaveRequested implements CoordinatedShutdown.Reason { INSTANCE }

    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(3);

    private final NodeSettings settings;
    private final ActorSystem<Void> system;
    private final PeerDirectory directory;

    private PeerNode(NodeSettings settings, ActorSystem<Void> system) {
        this.settings = settings;
        this.system = system;
        this.directory = new ClusterPeerDirectory(system, DIRECTORY_TIMEOUT);
    }

    /**
     * Starts a peer: joins the cluster through {@code settings.seeds()}, or forms a new cluster
     * with itself as its first member when there are none.
     *
     * @throws IllegalArgumentException if a seed is not {@code host:port}
     */
    public static PeerNode start(NodeSettings settings) {
        List<Address> seeds = settings.seeds().stream().map(seed -> PeerAddress.parse(SYSTEM_NAME, seed)).toList();
        ActorSystem<Void> system = ActorSystem.create(guardian(settings), SYSTEM_NAME, settings.config());
        Cluster cluster = Cluster.get(system);
        if (seeds.isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        } else {
            cluster.manager().tell(new JoinSeedNodes(seeds));
        }
        system.log().info("peer {} started, {}", PeerAddress.of(cluster.selfMember().address()),
            seeds.isEmpty() ? "forming a new cluster" : "joining through " + settings.seeds());
        return new PeerNode(settings, system);
    }

    private static Behavior<Void> guardian(NodeSettings settings) {
        return Behaviors.setup(context -> {
            context.spawn(PeerFactsPublisher.create(settings), "peer-facts");
            return Behaviors.empty();
        });
    }

    /** The peers of the cluster as this peer knows them. */
    public PeerDirectory directory() {
        return directory;
    }

    /** The port this peer's HTTP API is to listen on ({@code mpj.node.http-port}). */
    public int httpPort() {
        return settings.httpPort();
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
