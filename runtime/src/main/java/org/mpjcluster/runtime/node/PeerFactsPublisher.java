package org.mpjcluster.runtime.node;

import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Publishes this peer's facts in Distributed Data: every facts interval it writes them, under its
 * {@code host:port}, into the replicated map {@link #KEY}, which gossip spreads to every peer.
 * Each peer writes only its own entry; when a member is removed, every peer deletes that member's
 * entry. It starts the peer's {@link LatencyProbe} and publishes the round-trip times it reports.
 * Each tick it also tells the peer's {@link PeerSlots} entity the peer's slots (re-asserting them
 * after a shard move) and publishes the free slots the entity reports.
 */
public final class PeerFactsPublisher extends AbstractBehavior<PeerFactsPublisher.Command> {

    /** The replicated map of every peer's facts, by {@code host:port}. */
    public static final Key<LWWMap<String, PeerFacts>> KEY = LWWMapKey.create("mpj-peer-facts");

    /** What the publisher handles. */
    public interface Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record LatenciesChanged(LatencyProbe.Latencies latencies) implements Command {
    }

    private record MemberRemoved(ClusterEvent.MemberRemoved event) implements Command {
    }

    /** The peer's slots entity answered, or did not ({@code state} null) within a facts interval. */
    private record SlotsQueried(PeerSlots.State state) implements Command {
    }

    private record Written(Replicator.UpdateResponse<LWWMap<String, PeerFacts>> response) implements Command {
    }

    private final ReplicatorMessageAdapter<Command, LWWMap<String, PeerFacts>> replicator;
    private final SelfUniqueAddress self;
    private final String address;
    private final String httpAddress;
    private final int slots;
    private final Duration factsInterval;
    private final EntityRef<PeerSlots.Command> peerSlots;
    private int freeSlots;
    private final HostFacts host = new HostFacts();
    private Map<String, Long> latencies = Map.of();

    private PeerFactsPublisher(ActorContext<Command> context,
                               ReplicatorMessageAdapter<Command, LWWMap<String, PeerFacts>> replicator,
                               NodeSettings settings, String httpAddress) {
        super(context);
        this.replicator = replicator;
        this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
        this.address = PeerAddress.of(self.uniqueAddress().address());
        this.httpAddress = httpAddress;
        this.slots = settings.slots();
        this.factsInterval = settings.factsInterval();
        this.peerSlots = PeerSlots.of(context.getSystem(), address);
        this.freeSlots = slots;
    }

    /** A publisher for the peer with {@code settings}, whose HTTP API listens at {@code httpAddress}. */
    public static Behavior<Command> create(NodeSettings settings, String httpAddress) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
            DistributedData.<Command, LWWMap<String, PeerFacts>>withReplicatorMessageAdapter(replicator -> {
                PeerFactsPublisher publisher = new PeerFactsPublisher(context, replicator, settings, httpAddress);
                context.spawn(LatencyProbe.create(
                        context.messageAdapter(LatencyProbe.Latencies.class, LatenciesChanged::new),
                        publisher.address, settings.probeInterval()),
                    "latency-probe");
                Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.MemberRemoved.class, MemberRemoved::new),
                    ClusterEvent.MemberRemoved.class));
                timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, settings.factsInterval());
                return publisher;
            })));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessageEquals(Tick.INSTANCE, this::onTick)
            .onMessage(SlotsQueried.class, this::onSlotsQueried)
            .onMessage(LatenciesChanged.class, this::onLatenciesChanged)
            .onMessage(MemberRemoved.class, this::onMemberRemoved)
            .onMessage(Written.class, this::onWritten)
            .build();
    }

    private Behavior<Command> onTick() {
        peerSlots.tell(new PeerSlots.Configure(slots));
        getContext().ask(PeerSlots.State.class, peerSlots, factsInterval, PeerSlots.Query::new,
            (state, failure) -> new SlotsQueried(state));
        return this;
    }

    private Behavior<Command> onSlotsQueried(SlotsQueried queried) {
        // Without an answer the facts keep the last free slots known.
        if (queried.state() != null) {
            freeSlots = queried.state().freeSlots();
        }
        PeerFacts facts = host.measure(address, httpAddress, slots, freeSlots, latencies);
        update(map -> map.put(self, address, facts));
        return this;
    }

    private Behavior<Command> onLatenciesChanged(LatenciesChanged changed) {
        latencies = changed.latencies().microsByPeer();
        return this;
    }

    private Behavior<Command> onMemberRemoved(MemberRemoved removed) {
        String gone = PeerAddress.of(removed.event().member().address());
        update(map -> map.remove(self, gone));
        return this;
    }

    private Behavior<Command> onWritten(Written written) {
        // A local write fails only when the replicator is stopping with the peer: nothing to do.
        if (!(written.response() instanceof Replicator.UpdateSuccess)) {
            getContext().getLog().debug("facts not written: {}", written.response());
        }
        return this;
    }

    private void update(java.util.function.Function<LWWMap<String, PeerFacts>, LWWMap<String, PeerFacts>> change) {
        replicator.askUpdate(
            replyTo -> new Replicator.Update<>(KEY, LWWMap.create(), Replicator.writeLocal(), replyTo, change),
            Written::new);
    }
}
