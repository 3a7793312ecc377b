package org.mpjcluster.engine.coll;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts what collective calls do, for each call made while the counts are taken: the messages
 * and bytes each rank sends, and the rounds of messages on the call's critical path, the longest
 * chain of messages each sent after the one before it arrived (see {@link CountingChannel}).
 * Rounds are counted, not timed, so they show how an algorithm grows with the ranks however
 * few cores run them.
 *
 * <p>The counts are taken for the whole JVM, as {@link Thresholds} are set, by every rank of the
 * jobs running in it; a message's round travels beside it in this object, so every rank of a
 * counted call must run in this JVM (threads). Counting covers the message-passing algorithms
 * only: a call whose ranks meet in memory sends nothing and is not counted (turn meetings off
 * with the engine setting {@code in-memory-collectives}). Channels made while no counts are taken
 * do not count, so counting costs nothing when it is off.
 */
public final class CollectiveCounts implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static volatile CollectiveCounts taking;

    /** Where a message travels: the context and tag of its call, from rank {@code from} to rank {@code to}. */
    record Link(int context, int tag, int from, int to) {
    }

    /**
     * What one rank did in one call.
     *
     * @param messages the messages it sent
     * @param bytes    the bytes of base elements in them (objects count 0)
     * @param rounds   the longest chain of messages that ended at it
     */
    public record Tally(int messages, long bytes, int rounds) {
    }

    /**
     * What every rank did in the calls of one name.
     *
     * @param ranks              how many ranks made the call
     * @param calls              how many calls the rank that made most made
     * @param rounds             the rounds on the critical path of the deepest call
     * @param messagesPerRankMax the most messages one rank sent in one call
     * @param bytesPerRankMax    the most bytes one rank sent in one call
     */
    public record Summary(int ranks, int calls, int rounds, int messagesPerRankMax, long bytesPerRankMax) {
    }

    private record RankTally(int rank, Tally tally) {
    }

    private final Map<Link, Queue<Integer>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, List<RankTally>> tallies = new ConcurrentHashMap<>();

    private CollectiveCounts() {
    }

    /**
     * Starts counting the collective calls of this JVM until {@link #close}.
     *
     * @throws IllegalStateException if counts are being taken already
     */
    public static CollectiveCounts start() {
        synchronized (LOCK) {
            if (taking != null) {
                throw new IllegalStateException("collective counts are being taken already; close them first");
            }
            taking = new CollectiveCounts();
            return taking;
        }
    }

    /** The counts being taken, or {@code null}. */
    static CollectiveCounts taking() {
        return taking;
    }

    /** Stops counting; what was counted stays readable. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (taking == this) {
                taking = null;
            }
        }
    }

    /** The counts of the calls named {@code call} ({@code "Allreduce"}, ...), or {@code null} if none was counted. */
    public Summary summary(String call) {
        List<RankTally> made = tallies.get(call);
        if (made == null) {
            return null;
        }
        Map<Integer, Integer> callsPerRank = new HashMap<>();
        int rounds = 0;
        int messages = 0;
        long bytes = 0;
        for (RankTally one : made) {
            callsPerRank.merge(one.rank(), 1, Integer::sum);
            rounds = Math.max(rounds, one.tally().rounds());
            messages = Math.max(messages, one.tally().messages());
            bytes = Math.max(bytes, one.tally().bytes());
        }
        int calls = callsPerRank.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Summary(callsPerRank.size(), calls, rounds, messages, bytes);
    }

    /** Messages that were sent but whose arrival was not counted: 0 once every counted call has ended. */
    public int messagesInFlight() {
        return inFlight.values().stream().mapToInt(Queue::size).sum();
    }

    /** Notes that a message with round {@code round} left on {@code link}. */
    void departure(Link link, int round) {
        inFlight.computeIfAbsent(link, any -> new ConcurrentLinkedQueue<>()).add(round);
    }

    /**
     * The round of the next message to arrive on {@code link}, which has arrived.
     *
     * @throws IllegalStateException if no such message left while counting in this JVM
     */
    int arrival(Link link) {
        Queue<Integer> rounds = inFlight.get(link);
        Integer round = rounds == null ? null : rounds.poll();
        if (round == null) {
            throw new IllegalStateException("a message of a collective call arrived from rank " + link.from()
                + " that was not counted leaving it: collective counts need every rank of the call in this JVM,"
                + " counting from before the call");
        }
        return round;
    }

    /** Adds what {@code rank} did in one call of {@code call}. */
    void add(String call, int rank, Tally tally) {
        tallies.computeIfAbsent(call, any -> new CopyOnWriteArrayList<>()).add(new RankTally(rank, tally));
    }
}
