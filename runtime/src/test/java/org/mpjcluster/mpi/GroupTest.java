package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import mpi.Group;
import mpi.MPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Groups: every operation, on every rank, compared with the same operation done on plain lists of
 * world ranks; and every misuse rejected with the right error class and a message naming the call.
 */
class GroupTest {

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void derivedGroupsHaveTheMembersAndRanksOfTheSameOperationsOnLists(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Group world = MPI.COMM_WORLD.Group();
            Group evens = world.Incl(ranksWhere(size, r -> r % 2 == 0));
            Group triples = world.Incl(ranksWhere(size, r -> r % 3 == 0));
            Group reversed = world.Range_incl(new int[][] {{size - 1, 0, -1}});
            List<String> log = new ArrayList<>();
            log.add(describe("world", world));
            log.add(describe("evens", evens));
            log.add(describe("reversed", reversed));
            log.add(describe("union", Group.Union(evens, triples)));
            log.add(describe("intersection", Group.Intersection(evens, triples)));
            log.add(describe("difference", Group.Difference(evens, triples)));
            log.add(describe("excl", world.Excl(ranksWhere(size, r -> r % 3 == 1))));
            log.add(describe("range_excl", world.Range_excl(new int[][] {{0, size - 1, 2}})));
            log.add(describe("range_incl two ranges", world.Range_incl(new int[][] {{1, size - 1, 3}, {0, size - 1, 3}})));
            log.add("translate world to reversed " + Arrays.toString(Group.Translate_ranks(world,
                IntStream.range(0, size).toArray(), reversed)));
            log.add("translate evens to triples " + Arrays.toString(Group.Translate_ranks(evens,
                IntStream.range(0, evens.Size()).toArray(), triples)));
            log.add("translate PROC_NULL " + Arrays.toString(Group.Translate_ranks(world, new int[] {MPI.PROC_NULL}, evens)));
            log.add("compare " + Group.Compare(world, world) + " " + Group.Compare(world, reversed) + " "
                + Group.Compare(world, evens));
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> world = IntStream.range(0, size).boxed().toList();
            List<Integer> evens = world.stream().filter(r -> r % 2 == 0).toList();
            List<Integer> triples = world.stream().filter(r -> r % 3 == 0).toList();
            List<Integer> reversed = IntStream.range(0, size).mapToObj(r -> size - 1 - r).toList();
            List<Integer> union = new ArrayList<>(evens);
            triples.stream().filter(r -> !evens.contains(r)).forEach(union::add);
            List<Integer> log1 = world.stream().filter(r -> r % 3 == 1).toList();
            List<Integer> twoRanges = new ArrayList<>();
            IntStream.iterate(1, r -> r < size, r -> r + 3).forEach(twoRanges::add);
            IntStream.iterate(0, r -> r < size, r -> r + 3).forEach(twoRanges::add);
            List<String> log = new ArrayList<>();
            log.add(expect("world", world, rank));
            log.add(expect("evens", evens, rank));
            log.add(expect("reversed", reversed, rank));
            log.add(expect("union", union, rank));
            log.add(expect("intersection", evens.stream().filter(triples::contains).toList(), rank));
            log.add(expect("difference", evens.stream().filter(r -> !triples.contains(r)).toList(), rank));
            log.add(expect("excl", world.stream().filter(r -> !log1.contains(r)).toList(), rank));
            log.add(expect("range_excl", world.stream().filter(r -> r % 2 == 1).toList(), rank));
            log.add(expect("range_incl two ranges", twoRanges, rank));
            log.add("translate world to reversed " + Arrays.toString(world.stream().mapToInt(r -> size - 1 - r).toArray()));
            log.add("translate evens to triples " + Arrays.toString(evens.stream()
                .mapToInt(r -> triples.contains(r) ? triples.indexOf(r) : MPI.UNDEFINED).toArray()));
            log.add("translate PROC_NULL [" + MPI.PROC_NULL + "]");
            log.add("compare " + MPI.IDENT + " " + (size == 1 ? MPI.IDENT : MPI.SIMILAR) + " "
                + (size == 1 ? MPI.IDENT : MPI.UNEQUAL));
            return log;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3, 9})
    void emptyGroupHasNoMembersAndLeavesOtherGroupsUnchanged(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Group world = MPI.COMM_WORLD.Group();
            return MPI.GROUP_EMPTY.Size() + " " + MPI.GROUP_EMPTY.Rank() + " "
                + Group.Compare(Group.Union(MPI.GROUP_EMPTY, world), world) + " "
                + Group.Intersection(world, MPI.GROUP_EMPTY).Size() + " "
                + Group.Compare(world.Incl(new int[0]), MPI.GROUP_EMPTY) + " "
                + Group.Union(MPI.GROUP_EMPTY, world).Rank();
        });

        assertEquals(Jobs.expected(size, rank -> "0 " + MPI.UNDEFINED + " " + MPI.IDENT + " 0 " + MPI.IDENT + " " + rank), seen);
    }

    @Test
    void misuseRaisesTheRightErrorClassNamingTheCall() throws Exception {
        int size = 4;
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Group world = MPI.COMM_WORLD.Group();
            Group freed = world.Incl(new int[] {0});
            freed.free();
            Group finalized = world.Incl(new int[] {0});
            finalized.finalize();
            return List.of(
                Errors.of(() -> world.Incl(new int[] {0, size}), "Incl", "4"),
                Errors.of(() -> world.Incl(new int[] {1, 2, 1}), "Incl", "twice"),
                Errors.of(() -> world.Excl(new int[] {-1}), "Excl", "-1"),
                Errors.of(() -> world.Excl(new int[] {3, 3}), "Excl", "twice"),
                Errors.of(() -> world.Range_incl(new int[][] {{0, 3, 0}}), "Range_incl", "stride"),
                Errors.of(() -> world.Range_incl(new int[][] {{0, 4, 1}}), "Range_incl"),
                Errors.of(() -> world.Range_incl(new int[][] {{0, 1, 1}, {1, 2, 1}}), "Range_incl", "twice"),
                Errors.of(() -> world.Range_excl(new int[][] {{0, 1}}), "Range_excl"),
                Errors.of(() -> Group.Translate_ranks(world, new int[] {7}, world), "Translate_ranks", "7"),
                Errors.of(() -> Group.Union(world, null), "Union", "group2"),
                Errors.of(freed::Size, "Size", "freed"),
                Errors.of(() -> Group.Compare(freed, world), "Compare", "freed"),
                Errors.of(finalized::Rank, "Rank", "freed"));
        });

        List<String> expected = List.of(
            Errors.naming(MPI.ERR_RANK, "Incl", "4"),
            Errors.naming(MPI.ERR_RANK, "Incl", "twice"),
            Errors.naming(MPI.ERR_RANK, "Excl", "-1"),
            Errors.naming(MPI.ERR_RANK, "Excl", "twice"),
            Errors.naming(MPI.ERR_ARG, "Range_incl", "stride"),
            Errors.naming(MPI.ERR_RANK, "Range_incl"),
            Errors.naming(MPI.ERR_RANK, "Range_incl", "twice"),
            Errors.naming(MPI.ERR_ARG, "Range_excl"),
            Errors.naming(MPI.ERR_RANK, "Translate_ranks", "7"),
            Errors.naming(MPI.ERR_GROUP, "Union", "group2"),
            Errors.naming(MPI.ERR_GROUP, "Size", "freed"),
            Errors.naming(MPI.ERR_GROUP, "Compare", "freed"),
            Errors.naming(MPI.ERR_GROUP, "Rank", "freed"));
        assertEquals(Jobs.expected(size, rank -> expected), seen);
    }

    private static int[] ranksWhere(int size, IntPredicate keep) {
        return IntStream.range(0, size).filter(keep).toArray();
    }

    /** The group's size, the caller's rank in it, and its members as world ranks. */
    private static String describe(String name, Group group) {
        int[] all = IntStream.range(0, group.Size()).toArray();
        int[] world = Group.Translate_ranks(group, all, MPI.COMM_WORLD.Group());
        return name + ": size " + group.Size() + ", rank " + group.Rank() + ", members " + Arrays.toString(world);
    }

    private static String expect(String name, List<Integer> members, int rank) {
        int mine = members.indexOf(rank);
        return name + ": size " + members.size() + ", rank " + (mine < 0 ? MPI.UNDEFINED : mine)
            + ", members " + members;
    }
}
