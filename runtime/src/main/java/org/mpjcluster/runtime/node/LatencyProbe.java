package org.mpjcluster.runtime.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Measures round-trip times between peers. Every probe interval it pings the probes of the other
 * peers (found through the receptionist); each one that answers is told the time measured to it,
 * so that every peer knows the round-trip times the others measured to it and can publish them
 * in its own facts: each peer writes only its own entry of the replicated map.
 */
public final class LatencyProbe extends AbstractBehavior<LatencyProbe.Command> {

    /** The probes of all peers register under this key. */
    static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "mpj-latency-probe");

    /** What a probe handles. */
    public interface Command {
    }

    /** What a probe tells its owner whenever the round-trip times measured to its peer change. */
    public record Latencies(Map<String, Long> microsByPeer) {
        /** Copies the map, so that the report stays immutable. */
        public Latencies {
            microsByPeer = Map.copyOf(microsByPeer);
        }
    }

    /** A probe asks another to answer at once; {@code sentNanos} comes back unchanged. */
    record Ping(long sentNanos, ActorRef<Command> replyTo) implements Command, CborSerializable {
    }

    /** The answer to a {@link Ping}, from the probe {@code from}. */
    record Pong(long sentNanos, ActorRef<Command> from) implements Command, CborSerializable {
    }

    /** The peer {@code measurer} measured this round-trip time to the receiving peer. */
    record Measured(String measurer, long micros) implements Command, CborSerializable {
    }

    private enum Tick implements Command { INSTANCE }

    private record Listed(Receptionist.Listing listing) implements Command {
    }

    private final ActorContext<Command> context;
    private final ActorRef<Latencies> owner;
    private final String selfAddress;
    private Set<ActorRef<Command>> others = Set.of();
    private final Map<String, Long> measuredToMe = new HashMap<>();

    private LatencyProbe(ActorContext<Command> context, ActorRef<Latencies> owner, String selfAddress) {
        super(context);
        this.context = context;
        this.owner = owner;
        this.selfAddress = selfAddress;
    }

    /**
     * A probe for the peer at {@code selfAddress} ({@code host:port}) that pings every
     * {@code interval} and reports to {@code owner}.
     */
    public static Behavior<Command> create(ActorRef<Latencies> owner, String selfAddress, Duration interval) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> start(context, timers, owner, selfAddress, interval)));
    }

    private static Behavior<Command> start(ActorContext<Command> context, TimerScheduler<Command> timers,
                                           ActorRef<Latencies> owner, String selfAddress, Duration interval) {
        ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
        receptionist.tell(Receptionist.register(KEY, context.getSelf()));
        receptionist.tell(Receptionist.subscribe(KEY, context.messageAdapter(Receptionist.Listing.class, Listed::new)));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
        return new LatencyProbe(context, owner, selfAddress);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Listed.class, this::onListed)
            .onMessageEquals(Tick.INSTANCE, this::onTick)
            .onMessage(Ping.class, this::onPing)
            .onMessage(Pong.class, this::onPong)
            .onMessage(Measured.class, this::onMeasured)
            .build();
    }

    private Behavior<Command> onListed(Listed listed) {
        others = listed.listing().getServiceInstances(KEY).stream()
            .filter(probe -> !probe.equals(context.getSelf()))
            .collect(Collectors.toUnmodifiableSet());
        Set<String> present = others.stream().map(probe -> PeerAddress.of(probe.path().address()))
            .collect(Collectors.toSet());
        // A peer that left takes its measurements with it.
        if (measuredToMe.keySet().retainAll(present)) {
            report();
        }
        return this;
    }

    private Behavior<Command> onTick() {
        long now = System.nanoTime();
        others.forEach(probe -> probe.tell(new Ping(now, context.getSelf())));
        return this;
    }

    private Behavior<Command> onPing(Ping ping) {
        ping.replyTo().tell(new Pong(ping.sentNanos(), context.getSelf()));
        return this;
    }

    private Behavior<Command> onPong(Pong pong) {
        long micros = Math.max(1, (System.nanoTime() - pong.sentNanos()) / 1_000);
        pong.from().tell(new Measured(selfAddress, micros));
        return this;
    }

    private Behavior<Command> onMeasured(Measured measured) {
        // Answers can arrive from a peer the listing has already dropped; they are not kept.
        boolean known = others.stream().anyMatch(probe -> PeerAddress.of(probe.path().address()).equals(measured.measurer()));
        if (known) {
            measuredToMe.put(measured.measurer(), measured.micros());
            report();
        }
        return this;
    }

    private void report() {
        owner.tell(new Latencies(measuredToMe));
    }
}
