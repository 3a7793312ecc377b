package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * A rank of a job and its replicas, as sibling {@link RankReplica} actors (one while ranks are
 * not replicated). It passes what happens to a replica on to it, and decides what losing one
 * means: the rank is lost, and its coordinator told, once no replica of it is left.
 */
final class RankGroup extends AbstractBehavior<RankGroup.Command> {

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(2);

    /** What a rank group handles. */
    sealed interface Command permits ReplicaStarted, ReplicaEnded, ReplicaLost, Describe {
    }

    /** The worker JVM of replica {@code replica} runs, as process {@code pid}. */
    record ReplicaStarted(int replica, long pid) implements Command {
    }

    /** Replica {@code replica} ended with {@code ending}. */
    record ReplicaEnded(int replica, RankOutcome.Ending ending) implements Command {
    }

    /** Replica {@code replica} is gone with its peer, for {@code reason}. */
    record ReplicaLost(int replica, String reason) implements Command {
    }

    /** Asks for the state of every replica. */
    record Describe(ActorRef<List<RankState>> replyTo) implements Command {
    }

    /** What a rank group tells its coordinator: rank {@code rank} has no replica left, for {@code reason}. */
    record RankLost(int rank, String reason) {
    }

    private final int rank;
    private final List<ActorRef<RankReplica.Command>> replicas = new ArrayList<>();
    private final Set<Integer> live = new HashSet<>();
    private final ActorRef<RankLost> coordinator;

    private RankGroup(ActorContext<Command> context, int rank, List<String> peers, ActorRef<RankLost> coordinator) {
        super(context);
        this.rank = rank;
        this.coordinator = coordinator;
        for (int replica = 0; replica < peers.size(); replica++) {
            replicas.add(context.spawn(Behaviors.supervise(RankReplica.create(rank, replica, peers.get(replica)))
                .onFailure(SupervisorStrategy.resume()), "replica-" + replica));
            live.add(replica);
        }
    }

    /** Rank {@code rank} with a replica on each of {@code peers}, reporting a lost rank to {@code coordinator}. */
    static Behavior<Command> create(int rank, List<String> peers, ActorRef<RankLost> coordinator) {
        return Behaviors.setup(context -> new RankGroup(context, rank, peers, coordinator));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(ReplicaStarted.class, started -> tell(started.replica(), new RankReplica.Started(started.pid())))
            .onMessage(ReplicaEnded.class, ended -> tell(ended.replica(), new RankReplica.Ended(ended.ending())))
            .onMessage(ReplicaLost.class, this::onReplicaLost)
            .onMessage(Describe.class, this::onDescribe)
            .build();
    }

    private Behavior<Command> tell(int replica, RankReplica.Command command) {
        replicas.get(replica).tell(command);
        return this;
    }

    private Behavior<Command> onReplicaLost(ReplicaLost lost) {
        replicas.get(lost.replica()).tell(new RankReplica.Lost());
        if (live.remove(lost.replica()) && live.isEmpty()) {
            coordinator.tell(new RankLost(rank, lost.reason()));
        }
        return this;
    }

    private Behavior<Command> onDescribe(Describe describe) {
        List<CompletableFuture<RankState>> states = replicas.stream()
            .map(replica -> AskPattern.<RankReplica.Command, RankState>ask(replica, RankReplica.Describe::new,
                DESCRIBE_TIMEOUT, getContext().getSystem().scheduler()).toCompletableFuture())
            .toList();
        CompletableFuture.allOf(states.toArray(CompletableFuture[]::new)).thenRun(() ->
            describe.replyTo().tell(states.stream().map(CompletableFuture::join).toList()));
        return this;
    }
}
