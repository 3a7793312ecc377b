package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.mpjcluster.runtime.node.PeerAddress;
import org.mpjcluster.runtime.node.PeerSlots;

/**
 * The job side of slot reservations: for one job and its shares, it reserves each share's slots
 * on the share's peer, all or nothing, then holds them until told to {@link Release} or stopped.
 *
 * <p>It is an actor, a child of the job's coordinator, rather than a class the coordinator drives:
 * it owns timers and the replies of many peers, and above all it must give the slots back however
 * the job ends. As a child it stops when the coordinator stops or dies, and releases in its
 * {@link PostStop}, so no path of the coordinator can forget to.
 *
 * <p>A share on a peer that is not an up member is refused at once, without asking any peer.
 * Otherwise it asks every peer's {@link PeerSlots} entity at once. When each has granted, it answers
 * {@link AllGranted}; when one refuses or does not answer within the answer timeout, it releases
 * on all the shares' peers (a late grant included; releasing where nothing is held is harmless),
 * answers {@link Refused} with every failing peer's reason and stops, so that the coordinator can
 * re-place and retry with a new reservation.
 *
 * <p>While holding, every third of the lease it sends {@link PeerSlots.Reserve} again rather than
 * {@link PeerSlots.Renew}: a repeated Reserve of the same job and count is granted again and
 * restarts the lease, and it also re-asserts the reservation where an entity lost it when its shard
 * moved, whereas a Renew for a job the entity no longer holds is silently ignored. A re-assertion
 * that is refused or unanswered is logged and tried again at the next renewal.
 */
public final class SlotReservation extends AbstractBehavior<SlotReservation.Command> {

    /** What the reservation handles. */
    public interface Command {
    }

    /**
     * Releases every slot of the job and stops; the coordinator sends it when the job ends. Sent
     * before the {@link Outcome}, it gets no answer.
     */
    public enum Release implements Command { INSTANCE }

    /** The answer to the coordinator once every peer answered or the answer timeout passed. */
    public sealed interface Outcome permits AllGranted, Refused {
    }

    /** Every share of {@code jobId} is reserved; the reservation holds them until released. */
    public record AllGranted(String jobId, List<Placement.Share> shares) implements Outcome {
        /** Copies the shares, so that the answer stays immutable. */
        public AllGranted {
            shares = List.copyOf(shares);
        }
    }

    /**
     * {@code jobId} holds nothing: {@code reasonsByPeer} says, for each peer ({@code host:port})
     * that refused or did not answer, why; the reservation has stopped.
     */
    public record Refused(String jobId, Map<String, String> reasonsByPeer) implements Outcome {
        /** Copies the reasons, so that the answer stays immutable. */
        public Refused {
            reasonsByPeer = Map.copyOf(reasonsByPeer);
        }

        /** The reasons as one sentence for the user, peers in address order. */
        public String message() {
            return "slots for job " + jobId + " were refused: " + reasonsByPeer.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> "peer " + entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("; "));
        }
    }

    /** A peer answered a first Reserve, or did not ({@code reply} null) within the answer timeout. */
    private record Answered(String peer, PeerSlots.ReserveReply reply) implements Command {
    }

    /** A peer answered a re-assertion, or did not ({@code reply} null). */
    private record Reasserted(String peer, PeerSlots.ReserveReply reply) implements Command {
    }

    private enum Renew implements Command { INSTANCE }

    private final TimerScheduler<Command> timers;
    private final String jobId;
    private final List<Placement.Share> shares;
    private final Function<String, RecipientRef<PeerSlots.Command>> slotsOf;
    private final Duration lease;
    private final Duration answerTimeout;
    private final ActorRef<Outcome> replyTo;
    private final Map<String, PeerSlots.ReserveReply> answers = new HashMap<>();
    private boolean released;

    private SlotReservation(ActorContext<Command> context, TimerScheduler<Command> timers, String jobId,
                            List<Placement.Share> shares, Function<String, RecipientRef<PeerSlots.Command>> slotsOf,
                            Duration lease, Duration answerTimeout, ActorRef<Outcome> replyTo) {
        super(context);
        this.timers = timers;
        this.jobId = jobId;
        this.shares = List.copyOf(shares);
        this.slotsOf = slotsOf;
        this.lease = lease;
        this.answerTimeout = answerTimeout;
        this.replyTo = replyTo;
    }

    /**
     * Reserves {@code shares} (one per peer) for {@code jobId} on the peers' {@link PeerSlots}
     * entities, whose reservations last {@code lease} unless renewed, waiting at most
     * {@code answerTimeout} for each peer, and answers {@code replyTo}.
     *
     * @throws IllegalArgumentException if there are no shares or two shares name the same peer
     */
    public static Behavior<Command> create(String jobId, List<Placement.Share> shares, Duration lease,
                                           Duration answerTimeout, ActorRef<Outcome> replyTo) {
        return create(jobId, shares, PeerSlots::of, lease, answerTimeout, replyTo);
    }

    /** As {@link #create}, with the slots entity of each peer given by {@code slotsOf}, so tests can stand in. */
    static Behavior<Command> create(String jobId, List<Placement.Share> shares, SlotsOf slotsOf, Duration lease,
                                    Duration answerTimeout, ActorRef<Outcome> replyTo) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("job " + jobId + " has no shares to reserve");
        }
        if (shares.stream().map(Placement.Share::peer).distinct().count() < shares.size()) {
            throw new IllegalArgumentException("job " + jobId + " has two shares on one peer: " + shares);
        }
        return Behaviors.setup(context -> {
            Map<String, String> strangers = notMembers(context.getSystem(), shares);
            if (!strangers.isEmpty()) {
                replyTo.tell(new Refused(jobId, strangers));
                return Behaviors.stopped();
            }
            return Behaviors.withTimers(timers -> {
                SlotReservation reservation = new SlotReservation(context, timers, jobId, shares,
                    peer -> slotsOf.of(context.getSystem(), peer), lease, answerTimeout, replyTo);
                reservation.reserveAll(Answered::new);
                return reservation;
            });
        });
    }

    /**
     * The reasons to refuse the shares on peers that are not up members. Such a peer is not asked:
     * its slots entity would be started on this peer, as a shard that outlives the job.
     */
    private static Map<String, String> notMembers(ActorSystem<?> system, List<Placement.Share> shares) {
        Set<String> up = StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
            .filter(member -> member.status() == MemberStatus.up())
            .map(member -> PeerAddress.of(member.address()))
            .collect(Collectors.toSet());
        return shares.stream().map(Placement.Share::peer).filter(peer -> !up.contains(peer))
            .collect(Collectors.toMap(peer -> peer,
                peer -> "peer " + peer + " is not an up member of the cluster; it may have left since the job was placed"));
    }

    /** Finds the slots entity of a peer, as {@link PeerSlots#of} does. */
    @FunctionalInterface
    interface SlotsOf {
        /** The slots entity of the peer at {@code peer} ({@code host:port}), seen from {@code system}. */
        RecipientRef<PeerSlots.Command> of(ActorSystem<?> system, String peer);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Answered.class, this::onAnswered)
            .onMessageEquals(Renew.INSTANCE, this::onRenew)
            .onMessage(Reasserted.class, this::onReasserted)
            .onMessageEquals(Release.INSTANCE, this::onRelease)
            .onSignal(PostStop.class, signal -> onPostStop())
            .build();
    }

    private void reserveAll(BiFunction<String, PeerSlots.ReserveReply, Command> wrap) {
        for (Placement.Share share : shares) {
            getContext().ask(PeerSlots.ReserveReply.class, slotsOf.apply(share.peer()), answerTimeout,
                reply -> new PeerSlots.Reserve(jobId, share.rankCount(), reply),
                (reply, failure) -> wrap.apply(share.peer(), reply));
        }
    }

    private Behavior<Command> onAnswered(Answered answered) {
        answers.put(answered.peer(), answered.reply());
        if (answers.size() < shares.size()) {
            return this;
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        answers.forEach((peer, reply) -> {
            if (!(reply instanceof PeerSlots.Granted)) {
                reasons.put(peer, reasonOf(reply));
            }
        });
        if (!reasons.isEmpty()) {
            releaseAll();
            replyTo.tell(new Refused(jobId, reasons));
            return Behaviors.stopped();
        }
        timers.startTimerWithFixedDelay(Renew.INSTANCE, lease.dividedBy(3));
        replyTo.tell(new AllGranted(jobId, shares));
        return this;
    }

    private String reasonOf(PeerSlots.ReserveReply reply) {
        return reply instanceof PeerSlots.Refused refused ? refused.reason()
            : "did not answer within " + answerTimeout.toMillis() + " ms";
    }

    private Behavior<Command> onRenew() {
        reserveAll(Reasserted::new);
        return this;
    }

    private Behavior<Command> onReasserted(Reasserted reasserted) {
        if (!(reasserted.reply() instanceof PeerSlots.Granted)) {
            getContext().getLog().warn("job {} could not re-assert its slots on peer {}: {}; trying again at the next renewal",
                jobId, reasserted.peer(), reasonOf(reasserted.reply()));
        }
        return this;
    }

    private Behavior<Command> onRelease() {
        releaseAll();
        return Behaviors.stopped();
    }

    private Behavior<Command> onPostStop() {
        releaseAll();
        return this;
    }

    /**
     * Releases on every share's peer, once: the releases are sent before any answer, so that a
     * retry under the same job id reaches a peer after them, and a later release cannot undo it.
     */
    private void releaseAll() {
        if (released) {
            return;
        }
        released = true;
        ActorRef<PeerSlots.Released> ignore = getContext().getSystem().ignoreRef();
        shares.forEach(share -> slotsOf.apply(share.peer()).tell(new PeerSlots.Release(jobId, ignore)));
    }
}
