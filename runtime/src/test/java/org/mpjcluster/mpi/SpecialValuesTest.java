package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpi.Cartcomm;
import mpi.Datatype;
import mpi.Graphcomm;
import mpi.Group;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;
import org.junit.jupiter.api.Test;

/**
 * The special values have MPJ Express's numbers ({@code UNDEFINED} -1, {@code ANY_SOURCE} and
 * {@code ANY_TAG} -2, {@code PROC_NULL} -3), so that programs written for it, which compare
 * results with those numbers and pass them as arguments, run unchanged. The rank tasks here are
 * written as such a program would be: with the numbers, not the constants.
 */
class SpecialValuesTest {

    private static final int SIZE = 4;
    private static final int DATA = 1;

    @Test
    void specialValuesHaveMpjExpressNumbers() {
        assertEquals(List.of(-1, -2, -2, -3), List.of(MPI.UNDEFINED, MPI.ANY_SOURCE, MPI.ANY_TAG, MPI.PROC_NULL));
    }

    @Test
    void callsReturnAndAcceptTheNumbersOfMpjExpress() throws Exception {
        List<List<String>> seen = Jobs.onRanks(SIZE, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            List<String> log = new ArrayList<>();
            Group world = MPI.COMM_WORLD.Group();
            Group evens = world.Incl(new int[] {0, 2});
            log.add("group rank " + evens.Rank());
            log.add("translate " + Arrays.toString(Group.Translate_ranks(world, new int[] {1, 2, -3}, evens)));
            Intracomm half = MPI.COMM_WORLD.Split(rank % 2 == 0 ? 0 : -1, 0);
            log.add("split " + (half == null ? "null" : "size " + half.Size()));
            log.add("topology " + MPI.COMM_WORLD.Topo_test());
            log.add("attributes " + MPI.COMM_WORLD.Attr_get(MPI.HOST) + " " + MPI.COMM_WORLD.Attr_get(MPI.IO));

            Cartcomm line = MPI.COMM_WORLD.Create_cart(new int[] {SIZE}, new boolean[] {false}, false);
            ShiftParms shift = line.Shift(0, 1);
            log.add("shift " + shift.rank_source + " -> " + shift.rank_dest);
            log.add("cart map " + line.Map(new int[] {2}, new boolean[] {false}));
            Graphcomm pairs = MPI.COMM_WORLD.Create_graph(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 2}, false);
            log.add("graph map " + pairs.Map(new int[] {1, 2}, new int[] {1, 0}));

            MPI.COMM_WORLD.Send(new int[] {rank, rank, rank}, 0, 3, MPI.INT, (rank + 1) % SIZE, DATA);
            int[] incoming = new int[4];
            Status wild = MPI.COMM_WORLD.Recv(incoming, 0, 4, MPI.INT, -2, -2);
            Datatype twoInts = Datatype.Contiguous(2, MPI.INT);
            twoInts.Commit();
            log.add("wildcard source " + wild.source + " tag " + wild.tag + " count " + wild.Get_count(twoInts)
                + " index " + wild.index);
            Status none = MPI.COMM_WORLD.Recv(incoming, 0, 1, MPI.INT, -3, DATA);
            log.add("proc null source " + none.source + " tag " + none.tag);
            Request done = MPI.COMM_WORLD.Irecv(incoming, 0, 1, MPI.INT, -3, DATA);
            done.Wait();
            log.add("waitany index " + Request.Waitany(new Request[] {done}).index);
            return log;
        });

        assertEquals(Jobs.expected(SIZE, rank -> List.of(
            "group rank " + (rank % 2 == 0 ? rank / 2 : -1),
            "translate [-1, 1, -3]",
            "split " + (rank % 2 == 0 ? "size 2" : "null"),
            "topology -1",
            "attributes -3 -2",
            "shift " + (rank == 0 ? -3 : rank - 1) + " -> " + (rank == SIZE - 1 ? -3 : rank + 1),
            "cart map " + (rank < 2 ? rank : -1),
            "graph map " + (rank < 2 ? rank : -1),
            "wildcard source " + (rank + SIZE - 1) % SIZE + " tag " + DATA + " count -1 index -1",
            "proc null source -3 tag -2",
            "waitany index -1")), seen);
    }
}
