package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mpi.Comm;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intercommunicators between the even and the odd world ranks: sizes and groups, messages
 * addressed to remote ranks, isolation of a duplicate's traffic, and the order of Merge.
 */
class IntercommTest {

    private static final int CREATE_TAG = 99;
    private static final int TAG = 5;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 8, 9})
    void evenAndOddRanksSeeEachOtherAsTheRemoteGroup(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Intercomm inter = evensAndOdds();
            Group remote = inter.Remote_group();
            int[] remoteWorld = Group.Translate_ranks(remote, IntStream.range(0, remote.Size()).toArray(),
                MPI.COMM_WORLD.Group());
            return inter.Test_inter() + " size " + inter.Size() + " rank " + inter.Rank() + " remote size "
                + inter.Remote_size() + " remote " + Arrays.toString(remoteWorld) + " local "
                + CommunicatorTest.members(inter) + " topology " + inter.Topo_test();
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> local = parity(size, rank % 2);
            List<Integer> remote = parity(size, 1 - rank % 2);
            return "true size " + local.size() + " rank " + local.indexOf(rank) + " remote size " + remote.size()
                + " remote " + remote + " local size " + local.size() + ", rank " + local.indexOf(rank)
                + ", members " + local + " topology " + MPI.UNDEFINED;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 8, 9})
    void messagesGoToRemoteRanksAndComeFromThem(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Intercomm inter = evensAndOdds();
            int remoteSize = inter.Remote_size();
            Request[] sends = new Request[remoteSize];
            for (int dest = 0; dest < remoteSize; dest++) {
                sends[dest] = inter.Isend(new int[] {Peers.rank()}, 0, 1, MPI.INT, dest, TAG);
            }
            List<String> received = new ArrayList<>();
            for (int source = remoteSize - 1; source >= 0; source--) {
                int[] value = new int[1];
                Status status = inter.Recv(value, 0, 1, MPI.INT, source, TAG);
                received.add(status.source + ":" + value[0]);
            }
            Request.Waitall(sends);
            return received;
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> remote = parity(size, 1 - rank % 2);
            List<String> received = new ArrayList<>();
            for (int source = remote.size() - 1; source >= 0; source--) {
                received.add(source + ":" + remote.get(source));
            }
            return received;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 8, 9})
    void duplicateIntercommunicatorKeepsItsTrafficApart(int size) throws Exception {
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            Intercomm inter = evensAndOdds();
            Intercomm copy = (Intercomm) inter.clone();
            int partner = inter.Rank() % inter.Remote_size();
            inter.Send(new int[] {1000 + Peers.rank()}, 0, 1, MPI.INT, partner, TAG);
            copy.Send(new int[] {2000 + Peers.rank()}, 0, 1, MPI.INT, partner, TAG);
            List<Integer> received = new ArrayList<>();
            int senders = (int) IntStream.range(0, inter.Remote_size())
                .filter(r -> r % inter.Size() == inter.Rank()).count();
            for (int i = 0; i < senders; i++) {
                int[] value = new int[1];
                copy.Recv(value, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                received.add(value[0]);
            }
            for (int i = 0; i < senders; i++) {
                int[] value = new int[1];
                inter.Recv(value, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                received.add(value[0]);
            }
            received.sort(null);
            return received;
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> local = parity(size, rank % 2);
            List<Integer> remote = parity(size, 1 - rank % 2);
            List<Integer> senders = IntStream.range(0, remote.size())
                .filter(r -> r % local.size() == local.indexOf(rank)).mapToObj(remote::get).toList();
            List<Integer> received = new ArrayList<>();
            senders.forEach(sender -> received.add(1000 + sender));
            senders.forEach(sender -> received.add(2000 + sender));
            return received;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 8, 9})
    void mergePutsTheLowGroupFirstAndCarriesMessages(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            Intercomm inter = evensAndOdds();
            boolean evensHigh = Peers.rank() % 2 == 0;
            Intracomm oddsFirst = inter.Merge(evensHigh);
            Intracomm evensFirst = inter.Merge(false);
            return CommunicatorTest.members(oddsFirst) + " " + CommunicatorTest.ringPass(oddsFirst, Peers.rank())
                + " | " + CommunicatorTest.members(evensFirst);
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<Integer> oddsFirst = new ArrayList<>(parity(size, 1));
            oddsFirst.addAll(parity(size, 0));
            List<Integer> evensFirst = new ArrayList<>(parity(size, 0));
            evensFirst.addAll(parity(size, 1));
            int mine = oddsFirst.indexOf(rank);
            return "size " + size + ", rank " + mine + ", members " + oddsFirst + " received "
                + oddsFirst.get(Math.floorMod(mine - 1, size)) + " | size " + size + ", rank "
                + evensFirst.indexOf(rank) + ", members " + evensFirst;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5})
    void createIntercommIsAMethodOfEveryCommunicatorAsInMpiJava(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Intracomm local = MPI.COMM_WORLD.Split(rank % 2, rank);
            Comm peer = MPI.COMM_WORLD.Dup();
            Intercomm overIntracomm = peer.Create_intercomm(local, 0, rank % 2 == 0 ? 1 : 0, CREATE_TAG);
            Comm interPeer = overIntracomm;
            Intercomm overIntercomm = interPeer.Create_intercomm(local, 0, 0, CREATE_TAG);
            return remoteWorldRanks(overIntracomm) + " " + remoteWorldRanks(overIntercomm);
        });

        assertEquals(Jobs.expected(size, rank -> parity(size, 1 - rank % 2) + " " + parity(size, 1 - rank % 2)),
            seen);
    }

    @Test
    void overlappingGroupsAndBadLeadersAreReportedOnEveryRank() throws Exception {
        int size = 4;
        List<List<String>> seen = Jobs.onRanks(size, () -> List.of(
            Errors.of(() -> MPI.COMM_WORLD.Create_intercomm(MPI.COMM_WORLD, 0, 0, CREATE_TAG), "Create_intercomm", "overlap"),
            Errors.of(() -> MPI.COMM_WORLD.Create_intercomm(MPI.COMM_WORLD, size, 0, CREATE_TAG), "Create_intercomm",
                "local_leader"),
            Errors.of(() -> MPI.COMM_WORLD.Create_intercomm(null, 0, 0, CREATE_TAG), "Create_intercomm", "local_comm")));

        assertEquals(Jobs.expected(size, rank -> List.of(
            Errors.naming(MPI.ERR_COMM, "Create_intercomm", "overlap"),
            Errors.naming(MPI.ERR_RANK, "Create_intercomm", "local_leader"),
            Errors.naming(MPI.ERR_COMM, "Create_intercomm", "local_comm"))), seen);
    }

    /**
     * The intercommunicator between the even and the odd world ranks: each group's leader is its
     * lowest world rank, and the leaders meet on {@code COMM_WORLD} (the peer communicator).
     */
    private static Intercomm evensAndOdds() {
        int rank = Peers.rank();
        Intracomm local = MPI.COMM_WORLD.Split(rank % 2, rank);
        int remoteLeader = rank % 2 == 0 ? 1 : 0;
        return MPI.COMM_WORLD.Create_intercomm(local, 0, remoteLeader, CREATE_TAG);
    }

    private static String remoteWorldRanks(Intercomm inter) {
        Group remote = inter.Remote_group();
        return Arrays.toString(Group.Translate_ranks(remote, IntStream.range(0, remote.Size()).toArray(),
            MPI.COMM_WORLD.Group()));
    }

    private static List<Integer> parity(int size, int parity) {
        return IntStream.range(0, size).filter(r -> r % 2 == parity).boxed().toList();
    }
}
