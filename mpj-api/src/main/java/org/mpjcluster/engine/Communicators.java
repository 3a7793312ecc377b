package org.mpjcluster.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import mpi.MPIException;

/**
 * Builds new communicators from existing ones: duplicates, splits, subsets, intercommunicators and
 * their merges. Each is collective over its parent, and each new communicator gets a context pair
 * agreed on by all of its members, so its traffic never matches a receive on another communicator.
 *
 * <p>An intercommunicator's two groups agree on a context in three steps: each group takes the
 * largest of its members' lowest free ids at its leader, the leaders exchange those (over the peer
 * communicator when the intercommunicator is being created, over the intercommunicator's own
 * collective context afterwards), and each leader broadcasts the larger one to its group.
 * Messages within one group of an intercommunicator travel on the intercommunicator's collective
 * context with the local group as destinations ({@link #localChannel}); their tags differ from the
 * leaders' exchange, so the two never match each other.
 *
 * <p>Every new communicator starts with its parent's error mode.
 */
public final class Communicators {

    /** Marks a failed intercommunicator creation in the leader's broadcast to its group. */
    private static final int FAILED = -1;

    private Communicators() {
    }

    /** A copy of {@code parent} with the same groups and a new context. Collective over {@code parent}. */
    public static Communicator dup(MpiProcess process, Communicator parent) {
        if (!parent.isInter()) {
            int context = Contexts.allocate(process, parent);
            return inherit(parent, new Communicator(parent.engine(), context, parent.localEndpoints(), parent.rank()));
        }
        int context = agreeAcross(process, parent)[0];
        return inherit(parent, new Communicator(parent.engine(), context, parent.localEndpoints(),
            parent.remoteEndpoints(), parent.rank()));
    }

    /**
     * {@code MPI_Comm_split}: one new communicator per colour, ranked by key and then by rank in
     * {@code parent}; {@code null} for a process whose colour is {@link Ranks#UNDEFINED}.
     * Collective over the intracommunicator {@code parent}.
     *
     * @throws MPIException {@code ERR_ARG} on every member if any member's colour is negative
     *         (and not {@code UNDEFINED})
     */
    public static Communicator split(MpiProcess process, Communicator parent, int colour, int key) {
        int[] all = Coordination.allGather(parent.collective(), new int[] {colour, key});
        for (int rank = 0; rank < parent.size(); rank++) {
            int theirs = all[2 * rank];
            if (theirs < 0 && theirs != Ranks.UNDEFINED) {
                throw new MPIException(ErrorClass.ARG, "Split: rank " + rank + " passed colour " + theirs
                    + "; colours must be >= 0 or MPI.UNDEFINED");
            }
        }
        int context = Contexts.allocate(process, parent);
        if (colour == Ranks.UNDEFINED) {
            return null;
        }
        int[] members = IntStream.range(0, parent.size()).filter(rank -> all[2 * rank] == colour).boxed()
            .sorted(Comparator.<Integer>comparingInt(rank -> all[2 * rank + 1]).thenComparingInt(rank -> rank))
            .mapToInt(Integer::intValue).toArray();
        return inherit(parent, member(parent, context, ProcessGroup.of(parent.localEndpoints()).include(members)));
    }

    /**
     * A communicator of the processes of {@code group} (a subset of {@code parent}'s group), in
     * the group's order; {@code null} for the other members of {@code parent}. Collective over the
     * intracommunicator {@code parent}; every member passes the same group.
     */
    public static Communicator subset(MpiProcess process, Communicator parent, ProcessGroup group) {
        int context = Contexts.allocate(process, parent);
        return inherit(parent, member(parent, context, group));
    }

    /**
     * {@code MPI_Intercomm_create}: an intercommunicator between the group of {@code local} and
     * the group whose leader is rank {@code remoteLeader} of {@code peer}. Collective over both
     * groups; {@code peer} and {@code remoteLeader} matter only at the local leader, which
     * exchanges the groups and context proposals with the remote leader on {@code peer}'s
     * point-to-point context with {@code tag}, as MPI specifies.
     *
     * @throws MPIException {@code ERR_COMM} on every member of both groups if the groups overlap
     */
    public static Communicator intercomm(MpiProcess process, Communicator local, int localLeader,
                                         Communicator peer, int remoteLeader, int tag) {
        Communicator channel = local.collective();
        int[] proposals = Coordination.gather(channel, localLeader, new int[] {process.nextFreeContext()});
        int[] outcome = null;
        if (local.rank() == localLeader) {
            int[] mine = prepend(max(proposals), local.localEndpoints());
            int[] theirs = Coordination.exchange(peer, remoteLeader, tag, mine);
            int[] remote = Arrays.copyOfRange(theirs, 1, theirs.length);
            boolean overlap = Arrays.stream(remote).anyMatch(ProcessGroup.of(local.localEndpoints())::contains);
            outcome = overlap ? new int[] {FAILED} : prepend(Math.max(mine[0], theirs[0]), remote);
        }
        outcome = Coordination.broadcast(channel, localLeader, outcome);
        if (outcome[0] == FAILED) {
            throw new MPIException(ErrorClass.COMM, "Create_intercomm: the local and remote groups overlap;"
                + " an intercommunicator needs two disjoint groups");
        }
        process.contextTaken(outcome[0]);
        return inherit(local, new Communicator(local.engine(), outcome[0], local.localEndpoints(),
            Arrays.copyOfRange(outcome, 1, outcome.length), local.rank()));
    }

    /**
     * {@code MPI_Intercomm_merge}: an intracommunicator of both groups of {@code inter}, the
     * group that passed {@code high = false} first; when both passed the same value, the group
     * whose leader has the lower world rank comes first. Collective over both groups; each group's
     * leader decides for its group.
     */
    public static Communicator merge(MpiProcess process, Communicator inter, boolean high) {
        int[] local = inter.localEndpoints();
        int[] remote = inter.remoteEndpoints();
        int[] agreement = agreeAcross(process, inter, high ? 1 : 0);
        boolean localHigh = agreement[1] == 1;
        boolean remoteHigh = agreement[2] == 1;
        boolean localFirst = localHigh == remoteHigh ? local[0] < remote[0] : remoteHigh;
        int[] first = localFirst ? local : remote;
        int[] second = localFirst ? remote : local;
        int[] merged = IntStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray();
        int rank = localFirst ? inter.rank() : remote.length + inter.rank();
        return inherit(inter, new Communicator(inter.engine(), agreement[0], merged, rank));
    }

    /**
     * Agreement over both groups of the intercommunicator {@code inter}: returns, on every member,
     * the agreed context (already marked taken), then the local leader's {@code values}, then
     * the remote leader's.
     */
    private static int[] agreeAcross(MpiProcess process, Communicator inter, int... values) {
        Communicator local = localChannel(inter);
        int[] proposals = Coordination.gather(local, 0, new int[] {process.nextFreeContext()});
        int[] outcome = null;
        if (inter.rank() == 0) {
            int[] mine = prepend(max(proposals), values);
            int[] theirs = Coordination.exchange(inter.collective(), 0, Coordination.LEADER_TAG, mine);
            outcome = prepend(Math.max(mine[0], theirs[0]),
                IntStream.concat(Arrays.stream(values), Arrays.stream(theirs, 1, theirs.length)).toArray());
        }
        outcome = Coordination.broadcast(local, 0, outcome);
        process.contextTaken(outcome[0]);
        return outcome;
    }

    /** Messages among the local group of an intercommunicator, on its collective context. */
    private static Communicator localChannel(Communicator inter) {
        return new Communicator(inter.engine(), inter.collective().context(), inter.localEndpoints(), inter.rank());
    }

    /** The communicator of {@code group} with {@code context} if the calling process is in it, else {@code null}. */
    private static Communicator member(Communicator parent, int context, ProcessGroup group) {
        int rank = group.rankOf(parent.engine().endpoint());
        return rank == Ranks.UNDEFINED ? null : new Communicator(parent.engine(), context, group.endpoints(), rank);
    }

    private static Communicator inherit(Communicator parent, Communicator child) {
        if (child != null) {
            child.errorsAreFatal(parent.errorsAreFatal());
        }
        return child;
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
