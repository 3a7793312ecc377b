package mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.ProcessGroup;
import org.mpjcluster.engine.Ranks;

/**
 * An ordered set of processes: the group of a communicator ({@link Comm#Group()}), or one built
 * from others with the set operations here. Groups are local objects; building one communicates
 * nothing. A group belongs to the process that obtained it, which {@link #Rank()} is about.
 * Group calls are not made on a communicator, so their errors are always thrown to the caller.
 */
public class Group {

    private final ProcessGroup members;
    /** The endpoint of the process this group belongs to, or -1 (for {@link MPI#GROUP_EMPTY}). */
    private final int owner;
    private volatile boolean freed;

    Group(ProcessGroup members, int owner) {
        this.members = members;
        this.owner = owner;
    }

    /** The empty group, which belongs to no process. */
    static Group empty() {
        return new Group(ProcessGroup.EMPTY, -1);
    }

    /** Number of processes in the group. */
    public int Size() throws MPIException {
        return members("Size").size();
    }

    /** Rank of the calling process in the group, or {@link MPI#UNDEFINED} if it is not a member. */
    public int Rank() throws MPIException {
        return members("Rank").rankOf(owner);
    }

    /**
     * The ranks in {@code group2} of the processes with ranks {@code ranks1} in {@code group1}:
     * {@link MPI#UNDEFINED} for those not in {@code group2}; {@link MPI#PROC_NULL} stays itself.
     */
    public static int[] Translate_ranks(Group group1, int[] ranks1, Group group2) throws MPIException {
        String call = "Translate_ranks";
        ProcessGroup from = argument(call, "group1", group1);
        ProcessGroup to = argument(call, "group2", group2);
        checkRanks(call, "ranks1", ranks1, from, true);
        return from.translate(ranks1, to);
    }

    /**
     * {@link MPI#IDENT} if both groups have the same members in the same order, {@link MPI#SIMILAR}
     * if the same members in another order, {@link MPI#UNEQUAL} otherwise.
     */
    public static int Compare(Group group1, Group group2) throws MPIException {
        ProcessGroup first = argument("Compare", "group1", group1);
        ProcessGroup second = argument("Compare", "group2", group2);
        if (first.sameOrder(second)) {
            return MPI.IDENT;
        }
        return first.sameMembers(second) ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    /** The members of {@code group1}, then those of {@code group2} not in {@code group1}. */
    public static Group Union(Group group1, Group group2) throws MPIException {
        ProcessGroup first = argument("Union", "group1", group1);
        return derived(group1, group2, first.union(argument("Union", "group2", group2)));
    }

    /** The members of {@code group1} that are also in {@code group2}, in {@code group1}'s order. */
    public static Group Intersection(Group group1, Group group2) throws MPIException {
        ProcessGroup first = argument("Intersection", "group1", group1);
        return derived(group1, group2, first.intersection(argument("Intersection", "group2", group2)));
    }

    /** The members of {@code group1} that are not in {@code group2}, in {@code group1}'s order. */
    public static Group Difference(Group group1, Group group2) throws MPIException {
        ProcessGroup first = argument("Difference", "group1", group1);
        return derived(group1, group2, first.difference(argument("Difference", "group2", group2)));
    }

    /** The members with ranks {@code ranks}, in that order; the ranks must be distinct. */
    public Group Incl(int[] ranks) throws MPIException {
        ProcessGroup all = members("Incl");
        checkRanks("Incl", "ranks", ranks, all, false);
        return new Group(all.include(ranks), owner);
    }

    /** The members whose ranks are not in {@code ranks}, in this group's order; the ranks must be distinct. */
    public Group Excl(int[] ranks) throws MPIException {
        ProcessGroup all = members("Excl");
        checkRanks("Excl", "ranks", ranks, all, false);
        return new Group(all.exclude(ranks), owner);
    }

    /**
     * The members with the ranks of the triplets {@code (first, last, stride)} of {@code ranges},
     * range after range: {@code first, first + stride, ...} up to {@code last}.
     */
    public Group Range_incl(int[][] ranges) throws MPIException {
        ProcessGroup all = members("Range_incl");
        int[] ranks = expand("Range_incl", ranges, all);
        return new Group(all.include(ranks), owner);
    }

    /** The members whose ranks are not in the triplets {@code (first, last, stride)} of {@code ranges}. */
    public Group Range_excl(int[][] ranges) throws MPIException {
        ProcessGroup all = members("Range_excl");
        int[] ranks = expand("Range_excl", ranges, all);
        return new Group(all.exclude(ranks), owner);
    }

    /** Releases the group; using it afterwards is an error. Freeing {@link MPI#GROUP_EMPTY} does nothing. */
    public void free() throws MPIException {
        members("free");
        if (owner >= 0) {
            freed = true;
        }
    }

    /**
     * The same as {@link #free()}, under the name mpiJava 1.2 gives it. As there, the garbage
     * collector also calls it on a group no longer reachable, which frees nothing still in use.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void finalize() throws MPIException {
        free();
    }

    /** The members, checked not to have been freed. */
    ProcessGroup members(String call) {
        if (freed) {
            throw new MPIException(ErrorClass.GROUP, call + ": the group has been freed");
        }
        return members;
    }

    private static ProcessGroup argument(String call, String name, Group group) {
        if (group == null) {
            throw new MPIException(ErrorClass.GROUP, call + ": " + name + " is null");
        }
        return group.members(call);
    }

    private static Group derived(Group group1, Group group2, ProcessGroup members) {
        return new Group(members, group1.owner >= 0 ? group1.owner : group2.owner);
    }

    /** Checks that {@code ranks} are distinct ranks of {@code group} ({@code PROC_NULL} allowed if {@code allowNull}). */
    private static void checkRanks(String call, String name, int[] ranks, ProcessGroup group, boolean allowNull) {
        if (ranks == null) {
            throw new MPIException(ErrorClass.ARG, call + ": " + name + " is null");
        }
        boolean[] seen = new boolean[group.size()];
        for (int rank : ranks) {
            if (allowNull && rank == Ranks.PROC_NULL) {
                continue;
            }
            if (rank < 0 || rank >= group.size()) {
                throw new MPIException(ErrorClass.RANK, call + ": " + name + " contains " + rank
                    + ", which is not a rank of the group (ranks 0.." + (group.size() - 1) + ")");
            }
            if (seen[rank] && !allowNull) {
                throw new MPIException(ErrorClass.RANK, call + ": " + name + " contains rank " + rank
                    + " twice; each rank may appear once");
            }
            seen[rank] = true;
        }
    }

    /** The ranks the triplets of {@code ranges} name, checked valid and distinct. */
    private static int[] expand(String call, int[][] ranges, ProcessGroup group) {
        if (ranges == null) {
            throw new MPIException(ErrorClass.ARG, call + ": ranges is null");
        }
        List<Integer> ranks = new ArrayList<>();
        for (int[] range : ranges) {
            if (range == null || range.length != 3) {
                throw new MPIException(ErrorClass.ARG, call + ": each range must be {first, last, stride}, but one is "
                    + Arrays.toString(range));
            }
            int first = range[0];
            int last = range[1];
            int stride = range[2];
            if (stride == 0) {
                throw new MPIException(ErrorClass.ARG, call + ": range " + Arrays.toString(range)
                    + " has stride 0");
            }
            long steps = Math.floorDiv((long) last - first, stride);
            long end = first + steps * stride;
            if (steps >= 0 && (first < 0 || first >= group.size() || end < 0 || end >= group.size())) {
                throw new MPIException(ErrorClass.RANK, call + ": range " + Arrays.toString(range)
                    + " reaches beyond the ranks of the group (0.." + (group.size() - 1) + ")");
            }
            for (long step = 0; step <= steps; step++) {
                ranks.add((int) (first + step * stride));
            }
        }
        int[] all = ranks.stream().mapToInt(Integer::intValue).toArray();
        checkRanks(call, "ranges", all, group, false);
        return all;
    }
}
