package org.mpjcluster.runtime.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The slots of one peer, as a Cluster Sharding entity whose id is the peer's {@code host:port}.
 * It grants and releases slots all-or-nothing; being one entity that handles one message at a
 * time makes concurrent reservations atomic, so a peer is never oversubscribed. The owning peer
 * tells it the total with {@link Configure}, again every facts interval, since the entity's state
 * is lost when its shard moves (reservations and queries that come before the first Configure
 * wait for it, up to ten seconds); for the same reason holders renew their reservations (and a
 * {@link Reserve} repeated for a job it already holds is granted again), and a reservation that
 * is not renewed within the lease expires.
 */
public final class PeerSlots extends AbstractBehavior<PeerSlots.Command> {

    /** The entity type of every peer's slots. */
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "PeerSlots");

    /** What the entity handles. */
    public interface Command extends CborSerializable {
    }

    /** The owning peer offers {@code totalSlots}; sent at start and re-sent periodically. */
    public record Configure(int totalSlots) implements Command {
    }

    /** Asks for {@code slots} slots for {@code jobId}, all or none; its lease starts now. */
    public record Reserve(String jobId, int slots, ActorRef<ReserveReply> replyTo) implements Command {
    }

    /** Gives back the slots of {@code jobId}; releasing a job that holds none is harmless. */
    public record Release(String jobId, ActorRef<Released> replyTo) implements Command {
    }

    /** Keeps the reservation of {@code jobId} for another lease; ignored if it holds none. */
    public record Renew(String jobId) implements Command {
    }

    /**
     * The owning peer is leaving: no new job is granted slots from now on, while the jobs that
     * hold some keep them (and may renew them) until they end.
     */
    public enum Withdraw implements Command { INSTANCE }

    /** Asks for the current {@link State}. */
    public record Query(ActorRef<State> replyTo) implements Command {
    }

    /** The answer to a {@link Reserve}. */
    public sealed interface ReserveReply extends CborSerializable permits Granted, Refused {
    }

    /** {@code jobId} holds {@code slots} slots; {@code freeAfter} remain free. */
    public record Granted(String jobId, int slots, int freeAfter) implements ReserveReply {
    }

    /** {@code jobId} got nothing: {@code reason} says why, for the user. */
    public record Refused(String jobId, int requested, int totalSlots, int freeSlots, String reason)
        implements ReserveReply {
    }

    /** The answer to a {@link Release}: {@code freeAfter} slots are free now. */
    public record Released(String jobId, int freeAfter) implements CborSerializable {
    }

    /**
     * The peer's slots: {@code totalSlots} (0 until the peer configured them), the free ones, and
     * the slots each job holds.
     */
    public record State(int totalSlots, int freeSlots, Map<String, Integer> reservations) implements CborSerializable {
        /** Copies the map, so that the state stays immutable. */
        public State {
            reservations = Map.copyOf(reservations);
        }
    }

    private record Expire(String jobId) implements Command {
    }

    /** The owner has not configured the slots within {@link #CONFIGURE_WAIT}: answer what waits, as best it can. */
    private enum StopWaiting implements Command { INSTANCE }

    /**
     * How long reservations and queries wait for the owner's first {@link Configure} when the
     * entity (re)starts, as after its shard moved: the owner re-sends it every facts interval.
     */
    private static final Duration CONFIGURE_WAIT = Duration.ofSeconds(10);
    private static final int STASH_CAPACITY = 10_000;

    private final TimerScheduler<Command> timers;
    /** Reservations and queries that came before the owner configured the slots. */
    private final StashBuffer<Command> waiting;
    private boolean stoppedWaiting;
    private final String peer;
    private final Duration lease;
    private int totalSlots;
    private boolean withdrawn;
    private final Map<String, Integer> reservations = new HashMap<>();

    private PeerSlots(ActorContext<Command> context, TimerScheduler<Command> timers, StashBuffer<Command> waiting,
                      String peer, Duration lease) {
        super(context);
        this.timers = timers;
        this.waiting = waiting;
        this.peer = peer;
        this.lease = lease;
        timers.startSingleTimer(StopWaiting.INSTANCE, CONFIGURE_WAIT);
    }

    /** The slots entity of the peer {@code peer}; reservations not renewed within {@code lease} expire. */
    public static Behavior<Command> create(String peer, Duration lease) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH_CAPACITY,
            waiting -> new PeerSlots(context, timers, waiting, peer, lease))));
    }

    /**
     * Starts the sharding of slots entities on the peer that runs {@code system}: each peer's
     * entity lives on that peer while it is a member, and is never passivated.
     */
    public static void init(ActorSystem<?> system, Duration lease) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, entity -> create(entity.getEntityId(), lease))
            .withMessageExtractor(new OneShardPerPeer<>())
            .withAllocationStrategy(new OwningPeerAllocation(Cluster.get(system).selfMember().address()))
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    /** The slots entity of the peer at {@code peer} ({@code host:port}). */
    public static EntityRef<Command> of(ActorSystem<?> system, String peer) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, peer);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Configure.class, this::onConfigure)
            .onMessageEquals(StopWaiting.INSTANCE, () -> {
                stoppedWaiting = true;
                return waiting.unstashAll(this);
            })
            .onMessageEquals(Withdraw.INSTANCE, () -> {
                withdrawn = true;
                return this;
            })
            .onMessage(Reserve.class, this::onReserve)
            .onMessage(Release.class, this::onRelease)
            .onMessage(Renew.class, this::onRenew)
            .onMessage(Query.class, this::onQuery)
            .onMessage(Expire.class, this::onExpire)
            .build();
    }

    private Behavior<Command> onConfigure(Configure configure) {
        totalSlots = configure.totalSlots();
        return waiting.isEmpty() ? this : waiting.unstashAll(this);
    }

    /** Whether {@code message} must wait for the owner's first {@link Configure}; it is stashed then. */
    private boolean awaitsConfiguration(Command message) {
        if (totalSlots > 0 || stoppedWaiting || waiting.isFull()) {
            return false;
        }
        waiting.stash(message);
        return true;
    }

    private Behavior<Command> onReserve(Reserve reserve) {
        if (awaitsConfiguration(reserve)) {
            return this;
        }
        String jobId = reserve.jobId();
        Integer held = reservations.get(jobId);
        if (held != null && held == reserve.slots()) {
            startLease(jobId);
            reserve.replyTo().tell(new Granted(jobId, held, free()));
        } else if (held != null) {
            refuse(reserve, "job " + jobId + " already holds " + held + " slots on peer " + peer
                + "; release them before asking for " + reserve.slots());
        } else if (withdrawn) {
            refuse(reserve, "peer " + peer + " is leaving the cluster");
        } else if (totalSlots == 0) {
            refuse(reserve, "peer " + peer + " has not announced its slots yet; try again shortly");
        } else if (reserve.slots() <= 0) {
            refuse(reserve, "a job must ask for at least one slot, not " + reserve.slots());
        } else if (reserve.slots() > free()) {
            refuse(reserve, "job " + jobId + " asked for " + reserve.slots() + " slots but peer " + peer + " has "
                + totalSlots + " slots of which " + free() + " are free");
        } else {
            reservations.put(jobId, reserve.slots());
            startLease(jobId);
            reserve.replyTo().tell(new Granted(jobId, reserve.slots(), free()));
        }
        return this;
    }

    private void refuse(Reserve reserve, String reason) {
        reserve.replyTo().tell(new Refused(reserve.jobId(), reserve.slots(), totalSlots, free(), reason));
    }

    private Behavior<Command> onRelease(Release release) {
        reservations.remove(release.jobId());
        timers.cancel(release.jobId());
        release.replyTo().tell(new Released(release.jobId(), free()));
        return this;
    }

    private Behavior<Command> onRenew(Renew renew) {
        if (reservations.containsKey(renew.jobId())) {
            startLease(renew.jobId());
        }
        return this;
    }

    private Behavior<Command> onQuery(Query query) {
        if (awaitsConfiguration(query)) {
            return this;
        }
        query.replyTo().tell(new State(totalSlots, free(), reservations));
        return this;
    }

    private Behavior<Command> onExpire(Expire expire) {
        if (reservations.remove(expire.jobId()) != null) {
            getContext().getLog().info("reservation of job {} on peer {} expired: not renewed within {}",
                expire.jobId(), peer, lease);
        }
        return this;
    }

    private void startLease(String jobId) {
        // Keyed by job: a renewal replaces the pending expiry.
        timers.startSingleTimer(jobId, new Expire(jobId), lease);
    }

    private int free() {
        if (withdrawn) {
            return 0;
        }
        int held = reservations.values().stream().mapToInt(Integer::intValue).sum();
        return Math.max(0, totalSlots - held);
    }
}
