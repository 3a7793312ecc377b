package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.Comm;
import mpi.MPI;
import mpi.Prequest;
import mpi.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Persistent requests are started many times, each run sending the buffer's current contents;
 * between runs they are inactive but not null, and they refuse to start while active or after Free.
 */
class PersistentRequestTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int ROUNDS = 4;

    /** Creates a persistent send of a whole {@code int[]}. */
    @FunctionalInterface
    interface Creator {
        Prequest create(Comm comm, int[] buf, int dest, int tag);
    }

    /** The four persistent send calls of {@code Comm}. */
    enum PersistentSend {
        SEND_INIT((c, buf, dest, tag) -> c.Send_init(buf, 0, buf.length, MPI.INT, dest, tag)),
        SSEND_INIT((c, buf, dest, tag) -> c.Ssend_init(buf, 0, buf.length, MPI.INT, dest, tag)),
        BSEND_INIT((c, buf, dest, tag) -> c.Bsend_init(buf, 0, buf.length, MPI.INT, dest, tag)),
        RSEND_INIT((c, buf, dest, tag) -> c.Rsend_init(buf, 0, buf.length, MPI.INT, dest, tag));

        private final Creator creator;

        PersistentSend(Creator creator) {
            this.creator = creator;
        }

        Prequest create(int[] buf, int dest, int tag) {
            return creator.create(MPI.COMM_WORLD, buf, dest, tag);
        }
    }

    static Stream<Arguments> sendsMessageSizesAndRankCounts() {
        return Cases.cross(PersistentSend.values(), MessageSize.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("sendsMessageSizesAndRankCounts")
    void restartedRequestsCarryTheBuffersCurrentContentsEveryRound(PersistentSend kind, MessageSize length, int size)
        throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            MPI.Buffer_attach(SendMode.bufferSpaceFor(length.ints()));
            int[] outgoing = new int[length.ints()];
            int[] incoming = new int[length.ints()];
            Prequest send = kind.create(outgoing, Peers.right(1), DATA);
            Prequest receive = MPI.COMM_WORLD.Recv_init(incoming, 0, incoming.length, MPI.INT, Peers.left(1), DATA);
            List<Integer> firstElements = new ArrayList<>();
            boolean intact = true;
            boolean inactiveNotNull = true;
            for (int round = 0; round < ROUNDS; round++) {
                System.arraycopy(length.pattern(seed(Peers.rank(), round)), 0, outgoing, 0, outgoing.length);
                receive.Start();
                Peers.readyHandshake(READY);
                send.Start();
                Request.Waitall(new Request[] {send, receive});
                intact &= Arrays.equals(incoming, length.pattern(seed(Peers.left(1), round)));
                firstElements.add(incoming[0]);
                inactiveNotNull &= !send.Is_null() && !receive.Is_null();
            }
            send.Free();
            receive.Free();
            MPI.Buffer_detach();
            return List.of(firstElements, intact, inactiveNotNull, send.Is_null() && receive.Is_null());
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(IntStream.range(0, ROUNDS)
            .mapToObj(round -> MessageSize.pattern(seed(Peers.leftOf(rank, 1, size), round), 1)[0]).toList(),
            true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void startallStartsPersistentRequestsToAndFromEveryRank(int size) throws Exception {
        List<List<List<Integer>>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int[][] outgoing = new int[size][1];
            int[][] incoming = new int[size][1];
            Prequest[] sends = new Prequest[size];
            Prequest[] receives = new Prequest[size];
            for (int peer = 0; peer < size; peer++) {
                sends[peer] = MPI.COMM_WORLD.Send_init(outgoing[peer], 0, 1, MPI.INT, peer, DATA);
                receives[peer] = MPI.COMM_WORLD.Recv_init(incoming[peer], 0, 1, MPI.INT, peer, DATA);
            }
            List<List<Integer>> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int peer = 0; peer < size; peer++) {
                    outgoing[peer][0] = value(rank, peer, round);
                }
                Prequest.Startall(receives);
                Prequest.Startall(sends);
                Request.Waitall(sends);
                Request.Waitall(receives);
                rounds.add(Arrays.stream(incoming).map(cell -> cell[0]).toList());
            }
            return rounds;
        });

        assertEquals(Jobs.expected(size, rank -> IntStream.range(0, ROUNDS)
            .mapToObj(round -> IntStream.range(0, size).mapToObj(peer -> value(peer, rank, round)).toList())
            .toList()), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void persistentRequestRefusesToStartWhileActiveOrAfterFree(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int[] incoming = new int[1];
            Prequest receive = MPI.COMM_WORLD.Recv_init(incoming, 0, 1, MPI.INT, Peers.left(1), DATA);
            receive.Start();
            String startWhileActive = Errors.classOf(receive::Start);
            MPI.COMM_WORLD.Send(new int[] {Peers.rank()}, 0, 1, MPI.INT, Peers.right(1), DATA);
            receive.Wait();
            boolean inactiveWaitReturns = receive.Wait() != null && receive.Test() != null;
            boolean nullWhileInactive = receive.Is_null();
            receive.Free();
            String startAfterFree = Errors.classOf(receive::Start);
            return List.of(startWhileActive, incoming[0], inactiveWaitReturns, nullWhileInactive, receive.Is_null(),
                startAfterFree);
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of("MPI_ERR_REQUEST", Peers.leftOf(rank, 1, size),
            true, false, true, "MPI_ERR_REQUEST")), seen);
    }

    private static int seed(int rank, int round) {
        return 10 * round + rank;
    }

    private static int value(int sender, int receiver, int round) {
        return 10_000 * round + 100 * sender + receiver;
    }
}
