package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import mpi.Comm;
import mpi.Group;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * New intracommunicators: Split, Create and Dup give every rank the members and rank a sequential
 * computation predicts, messages flow inside the new communicators, and traffic on one never
 * matches a receive on another even with identical tags. Also Compare, Free, attributes and misuse.
 */
class CommunicatorTest {

    private static final int TAG = 7;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void splitByRankModThreeOrdersByKeyAndCarriesMessagesInsideEachPart(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm part = MPI.COMM_WORLD.Split(rank % 3, -rank);
            return members(part) + " " + ringPass(part, rank);
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> part = IntStream.range(0, size).filter(r -> r % 3 == rank % 3).boxed()
                .sorted(Comparator.reverseOrder()).toList();
            int mine = part.indexOf(rank);
            int left = part.get(Math.floorMod(mine - 1, part.size()));
            return "size " + part.size() + ", rank " + mine + ", members " + part + " received " + left;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void splitGivesNullToUndefinedColourAndOrdersTiesByRank(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm part = MPI.COMM_WORLD.Split(rank % 2 == 1 ? MPI.UNDEFINED : 4, 0);
            return part == null ? "null" : members(part) + " " + ringPass(part, rank);
        });

        assertEquals(Jobs.expected(size, rank -> {
            if (rank % 2 == 1) {
                return "null";
            }
            List<Integer> part = IntStream.range(0, size).filter(r -> r % 2 == 0).boxed().toList();
            int mine = part.indexOf(rank);
            return "size " + part.size() + ", rank " + mine + ", members " + part + " received "
                + part.get(Math.floorMod(mine - 1, part.size()));
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void createFromGroupGivesNullToNonMembersAndFollowsTheGroupsOrder(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Group everyOtherReversed = MPI.COMM_WORLD.Group().Range_incl(new int[][] {{size - 1, 0, -2}});
            Intracomm made = MPI.COMM_WORLD.Create(everyOtherReversed);
            return made == null ? "null" : members(made) + " " + ringPass(made, rank);
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> group = IntStream.iterate(size - 1, r -> r >= 0, r -> r - 2).boxed().toList();
            int mine = group.indexOf(rank);
            return mine < 0 ? "null" : "size " + group.size() + ", rank " + mine + ", members " + group
                + " received " + group.get(Math.floorMod(mine - 1, group.size()));
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void creatIsCreateUnderMpiJavasName(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Group everyOtherReversed = MPI.COMM_WORLD.Group().Range_incl(new int[][] {{size - 1, 0, -2}});
            Intracomm made = MPI.COMM_WORLD.Creat(everyOtherReversed);
            Intracomm same = MPI.COMM_WORLD.Create(everyOtherReversed);
            return made == null ? String.valueOf(same) : members(made) + " " + Comm.Compare(made, same);
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> group = IntStream.iterate(size - 1, r -> r >= 0, r -> r - 2).boxed().toList();
            int mine = group.indexOf(rank);
            return mine < 0 ? "null" : "size " + group.size() + ", rank " + mine + ", members " + group + " "
                + MPI.CONGRUENT;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void duplicatesIsolateTrafficWithIdenticalTagsAndSources(int size) throws Exception {
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm first = MPI.COMM_WORLD.Dup();
            Intracomm second = (Intracomm) first.clone();
            Intracomm part = MPI.COMM_WORLD.Split(0, 0);
            Intracomm[] comms = {MPI.COMM_WORLD, first, second, part};
            for (int i = 0; i < comms.length; i++) {
                comms[i].Send(new int[] {100 * i + rank}, 0, 1, MPI.INT, Peers.right(1), TAG);
            }
            List<Integer> received = new ArrayList<>();
            for (int i = comms.length - 1; i >= 0; i--) {
                int[] value = new int[1];
                comms[i].Recv(value, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                received.add(value[0]);
            }
            return received;
        });

        assertEquals(Jobs.expected(size, rank -> {
            int left = Peers.leftOf(rank, 1, size);
            return List.of(300 + left, 200 + left, 100 + left, left);
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void compareTellsIdenticalCongruentSimilarAndUnequal(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm dup = MPI.COMM_WORLD.Dup();
            Intracomm reversed = MPI.COMM_WORLD.Split(0, -rank);
            Intracomm half = MPI.COMM_WORLD.Split(rank < (size + 1) / 2 ? 0 : 1, rank);
            return Comm.Compare(MPI.COMM_WORLD, MPI.COMM_WORLD) + " " + Comm.Compare(dup, dup) + " "
                + Comm.Compare(MPI.COMM_WORLD, dup) + " " + Comm.Compare(MPI.COMM_WORLD, reversed) + " "
                + Comm.Compare(MPI.COMM_WORLD, half) + " " + Comm.Compare(MPI.COMM_SELF, MPI.COMM_WORLD);
        });

        assertEquals(Jobs.expected(size, rank -> MPI.IDENT + " " + MPI.IDENT + " " + MPI.CONGRUENT + " "
            + (size == 1 ? MPI.CONGRUENT : MPI.SIMILAR) + " " + (size == 1 ? MPI.CONGRUENT : MPI.UNEQUAL) + " "
            + (size == 1 ? MPI.CONGRUENT : MPI.UNEQUAL)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void attributesTopologyAndKindOfPlainCommunicators(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Intracomm dup = MPI.COMM_WORLD.Dup();
            return dup.Attr_get(MPI.TAG_UB) + " " + dup.Attr_get(MPI.HOST) + " " + dup.Attr_get(MPI.IO) + " "
                + dup.Attr_get(MPI.WTIME_IS_GLOBAL) + " " + dup.Topo_test() + " " + dup.Test_inter() + " "
                + MPI.COMM_WORLD.Topo_test() + " " + dup.Is_null();
        });

        assertEquals(Jobs.expected(size, rank -> MPI.TAG_UB + " " + MPI.PROC_NULL + " " + MPI.ANY_SOURCE + " 0 "
            + MPI.UNDEFINED + " false " + MPI.UNDEFINED + " false"), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void freedCommunicatorRejectsEveryCallButWorldCannotBeFreed(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Intracomm dup = MPI.COMM_WORLD.Dup();
            dup.Free();
            int[] value = new int[1];
            return List.of(
                "null " + dup.Is_null(),
                Errors.of(() -> dup.Send(value, 0, 1, MPI.INT, 0, TAG), "Send", "freed"),
                Errors.of(dup::Rank, "Rank", "freed"),
                Errors.of(dup::Dup, "Dup", "freed"),
                Errors.of(() -> dup.Split(0, 0), "Split", "freed"),
                Errors.of(dup::Free, "Free", "freed"),
                Errors.of(MPI.COMM_WORLD::Free, "Free", "MPI.COMM_WORLD"));
        });

        assertEquals(Jobs.expected(size, rank -> List.of(
            "null true",
            Errors.naming(MPI.ERR_COMM, "Send", "freed"),
            Errors.naming(MPI.ERR_COMM, "Rank", "freed"),
            Errors.naming(MPI.ERR_COMM, "Dup", "freed"),
            Errors.naming(MPI.ERR_COMM, "Split", "freed"),
            Errors.naming(MPI.ERR_COMM, "Free", "freed"),
            Errors.naming(MPI.ERR_COMM, "Free", "MPI.COMM_WORLD"))), seen);
    }

    @Test
    void misuseIsReportedOnEveryRankWithoutHanging() throws Exception {
        int size = 4;
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm half = MPI.COMM_WORLD.Split(rank / 2, rank);
            Group world = MPI.COMM_WORLD.Group();
            return List.of(
                Errors.of(() -> MPI.COMM_WORLD.Split(rank == 2 ? -5 : 0, 0), "Split", "rank 2", "-5"),
                Errors.of(() -> half.Create(world), "Create", "world rank " + (rank < 2 ? 2 : 0)),
                Errors.of(() -> MPI.COMM_WORLD.Create(null), "Create", "group"),
                Errors.of(() -> MPI.COMM_WORLD.Attr_get(77), "Attr_get", "77"),
                Errors.of(() -> Comm.Compare(MPI.COMM_WORLD, null), "Compare", "comm2"));
        });

        assertEquals(Jobs.expected(size, rank -> List.of(
            Errors.naming(MPI.ERR_ARG, "Split", "rank 2", "-5"),
            Errors.naming(MPI.ERR_GROUP, "Create", "world rank " + (rank < 2 ? 2 : 0)),
            Errors.naming(MPI.ERR_GROUP, "Create", "group"),
            Errors.naming(MPI.ERR_ARG, "Attr_get", "77"),
            Errors.naming(MPI.ERR_COMM, "Compare", "comm2"))), seen);
    }

    /** The communicator's size, the caller's rank and the members as world ranks. */
    static String members(Comm comm) {
        Group group = comm.Group();
        int[] world = Group.Translate_ranks(group, IntStream.range(0, group.Size()).toArray(), MPI.COMM_WORLD.Group());
        return "size " + comm.Size() + ", rank " + comm.Rank() + ", members " + Arrays.toString(world);
    }

    /** Sends {@code value} to the next rank of {@code comm} and returns what the previous rank sent. */
    static String ringPass(Comm comm, int value) {
        int size = comm.Size();
        int rank = comm.Rank();
        int[] received = new int[1];
        Status status = comm.Sendrecv(new int[] {value}, 0, 1, MPI.INT, (rank + 1) % size, TAG,
            received, 0, 1, MPI.INT, Math.floorMod(rank - 1, size), TAG);
        return status.source == Math.floorMod(rank - 1, size) ? "received " + received[0] : "wrong source " + status.source;
    }
}
