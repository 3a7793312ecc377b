package org.mpjcluster.engine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An ordered set of processes, named by their endpoints (world ranks): the members of a
 * communicator's group, and the set algebra of MPI groups. Immutable. Ranks passed in are checked
 * by the caller; this class only computes.
 */
public final class ProcessGroup {

    /** The group with no members. */
    public static final ProcessGroup EMPTY = new ProcessGroup(new int[0]);

    private final int[] endpoints;

    private ProcessGroup(int[] endpoints) {
        this.endpoints = endpoints;
    }

    /** The group of {@code endpoints}, in that order; they must be distinct. */
    public static ProcessGroup of(int[] endpoints) {
        return new ProcessGroup(endpoints.clone());
    }

    /** Number of members. */
    public int size() {
        return endpoints.length;
    }

    /** The endpoints of the members, by rank (a copy). */
    public int[] endpoints() {
        return endpoints.clone();
    }

    /** The rank of the process at {@code endpoint}, or {@link Ranks#UNDEFINED} if it is not a member. */
    public int rankOf(int endpoint) {
        for (int rank = 0; rank < endpoints.length; rank++) {
            if (endpoints[rank] == endpoint) {
                return rank;
            }
        }
        return Ranks.UNDEFINED;
    }

    /** Whether the process at {@code endpoint} is a member. */
    public boolean contains(int endpoint) {
        return rankOf(endpoint) != Ranks.UNDEFINED;
    }

    /** The members of {@code ranks} in that order (ranks valid and distinct). */
    public ProcessGroup include(int[] ranks) {
        return new ProcessGroup(Arrays.stream(ranks).map(rank -> endpoints[rank]).toArray());
    }

    /** The members not in {@code ranks}, in this group's order (ranks valid). */
    public ProcessGroup exclude(int[] ranks) {
        BitSet dropped = new BitSet(endpoints.length);
        Arrays.stream(ranks).forEach(dropped::set);
        return new ProcessGroup(IntStream.range(0, endpoints.length).filter(rank -> !dropped.get(rank))
            .map(rank -> endpoints[rank]).toArray());
    }

    /** This group's members, then those of {@code other} that are not in this group. */
    public ProcessGroup union(ProcessGroup other) {
        IntStream extra = Arrays.stream(other.endpoints).filter(endpoint -> !contains(endpoint));
        return new ProcessGroup(IntStream.concat(Arrays.stream(endpoints), extra).toArray());
    }

    /** This group's members that are also in {@code other}, in this group's order. */
    public ProcessGroup intersection(ProcessGroup other) {
        return new ProcessGroup(Arrays.stream(endpoints).filter(other::contains).toArray());
    }

    /** This group's members that are not in {@code other}, in this group's order. */
    public ProcessGroup difference(ProcessGroup other) {
        return new ProcessGroup(Arrays.stream(endpoints).filter(endpoint -> !other.contains(endpoint)).toArray());
    }

    /** Whether both groups have the same members in the same order. */
    public boolean sameOrder(ProcessGroup other) {
        return Arrays.equals(endpoints, other.endpoints);
    }

    /** Whether both groups have the same members, in any order. */
    public boolean sameMembers(ProcessGroup other) {
        return endpoints.length == other.endpoints.length && Arrays.stream(endpoints).allMatch(other::contains);
    }

    /**
     * The ranks in {@code other} of the members of this group with ranks {@code ranks}:
     * {@link Ranks#UNDEFINED} for those not in {@code other}; {@link Ranks#PROC_NULL} stays itself.
     */
    public int[] translate(int[] ranks, ProcessGroup other) {
        return Arrays.stream(ranks)
            .map(rank -> rank == Ranks.PROC_NULL ? Ranks.PROC_NULL : other.rankOf(endpoints[rank]))
            .toArray();
    }

    @Override
    public String toString() {
        return "group of endpoints " + Arrays.toString(endpoints);
    }
}
