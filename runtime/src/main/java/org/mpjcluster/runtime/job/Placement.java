package org.mpjcluster.runtime.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * Where the ranks of a job go: a pure function from the candidate peers, as their facts describe
 * them, to one {@link Share} of contiguous ranks per chosen peer. Both strategies prefer the peers
 * closest to the submitting peer (itself at latency 0); a peer whose latency from the submitter has
 * not been measured yet comes after every measured one, and equal latencies go by address, so that
 * the same facts always give the same placement.
 */
public final class Placement {

    private static final long UNMEASURED = Long.MAX_VALUE;

    private Placement() {
    }

    /** How ranks are spread over the peers. */
    public enum Strategy {
        /** As many peers as possible: one slot at a time, round-robin over the peers by latency. */
        SPREAD,
        /** As few peers as possible: the closest peers' free slots are filled first. */
        CONCENTRATE;

        /**
         * The strategy named {@code name}, in any case.
         *
         * @throws IllegalArgumentException listing the choices if there is no such strategy
         */
        public static Strategy parse(String name) {
            String choices = Arrays.stream(values()).map(Strategy::displayName).collect(Collectors.joining(", "));
            return Arrays.stream(values()).filter(strategy -> strategy.displayName().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                    "unknown placement strategy '" + name + "'; choose one of: " + choices));
        }

        /** The name users give, such as {@code spread}. */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Ranks {@code firstRank..firstRank+rankCount-1} run on {@code peer} ({@code host:port}). */
    public record Share(String peer, int firstRank, int rankCount) {
    }

    /** The free slots of the cluster do not suffice for a job; the message says what exists. */
    public static final class NotEnoughSlotsException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private NotEnoughSlotsException(String message) {
            super(message);
        }
    }

    /**
     * Places {@code np} ranks on {@code peers} by {@code strategy}, measuring latency from the
     * peer {@code submitter} ({@code host:port}).
     *
     * @return the shares, in rank order, one per peer that gets ranks
     * @throws IllegalArgumentException if {@code np} is below 1 or there are no peers
     * @throws NotEnoughSlotsException  if the peers have fewer than {@code np} free slots
     */
    public static List<Share> place(Strategy strategy, int np, String submitter, List<PeerFacts> peers) {
        if (np < 1) {
            throw new IllegalArgumentException("a job needs at least one rank, not " + np);
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no peers to place the job on: the cluster lists none yet; "
                + "check that the peer has joined the cluster, then submit again");
        }
        List<PeerFacts> byLatency = peers.stream()
            .sorted(Comparator.comparingLong((PeerFacts facts) -> latency(facts, submitter))
                .thenComparing(PeerFacts::address))
            .toList();
        requireFreeSlots(byLatency, np);
        int[] counts = switch (strategy) {
            case SPREAD -> spread(byLatency, np);
            case CONCENTRATE -> concentrate(byLatency, np);
        };
        return shares(byLatency, counts);
    }

    private static long latency(PeerFacts facts, String submitter) {
        if (facts.address().equals(submitter)) {
            return 0;
        }
        // Each peer publishes the round-trip times the others measured to it, by measurer.
        return facts.latencyMicros().getOrDefault(submitter, UNMEASURED);
    }

    private static int[] spread(List<PeerFacts> byLatency, int np) {
        int[] counts = new int[byLatency.size()];
        int placed = 0;
        while (placed < np) {
            for (int i = 0; i < counts.length && placed < np; i++) {
                if (counts[i] < free(byLatency.get(i))) {
                    counts[i]++;
                    placed++;
                }
            }
        }
        return counts;
    }

    private static int[] concentrate(List<PeerFacts> byLatency, int np) {
        int[] counts = new int[byLatency.size()];
        int remaining = np;
        for (int i = 0; i < counts.length && remaining > 0; i++) {
            counts[i] = Math.min(free(byLatency.get(i)), remaining);
            remaining -= counts[i];
        }
        return counts;
    }

    private static void requireFreeSlots(List<PeerFacts> peers, int np) {
        int free = peers.stream().mapToInt(Placement::free).sum();
        if (free < np) {
            int total = peers.stream().mapToInt(facts -> Math.max(0, facts.slots())).sum();
            throw new NotEnoughSlotsException("the job needs " + np + " slots but the cluster has " + total
                + " slots over " + peers.size() + (peers.size() == 1 ? " peer" : " peers") + ", of which " + free
                + " are free; ask for fewer ranks, wait for running jobs to end, or add peers");
        }
    }

    private static int free(PeerFacts facts) {
        return Math.max(0, facts.freeSlots());
    }

    private static List<Share> shares(List<PeerFacts> byLatency, int[] counts) {
        List<Share> shares = new ArrayList<>();
        int nextRank = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                shares.add(new Share(byLatency.get(i).address(), nextRank, counts[i]));
                nextRank += counts[i];
            }
        }
        return List.copyOf(shares);
    }
}
