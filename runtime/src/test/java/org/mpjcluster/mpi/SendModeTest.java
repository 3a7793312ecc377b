package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every send mode delivers its message intact at any size, and completes even when the receiver
 * finishes as soon as its receive has.
 */
class SendModeTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int[] NOTHING = new int[0];
    /** Jobs per case in the race test: enough to lose the race often when acknowledgements come late. */
    private static final int RACE_ATTEMPTS = 25;
    /** Ranks per job in the race test: pairs of a receiver that finishes early and its sender. */
    private static final int RACE_RANKS = 8;
    /** Limit for a job of the race test, whose failure mode may be a hang; ample when it passes. */
    private static final Duration RACE_TIMEOUT = Duration.ofSeconds(3);

    static Stream<Arguments> modesMessageSizesAndRankCounts() {
        return Cases.cross(SendMode.values(), MessageSize.values(), Cases.rankCounts());
    }

    static Stream<Arguments> modesAndMessageSizes() {
        return Cases.cross(SendMode.values(), MessageSize.values());
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("modesMessageSizesAndRankCounts")
    void everySendModeDeliversAroundARing(SendMode mode, MessageSize length, int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            MPI.Buffer_attach(SendMode.bufferSpaceFor(length.ints()));
            int[] incoming = new int[length.ints()];
            Request receive = MPI.COMM_WORLD.Irecv(incoming, 0, incoming.length, MPI.INT, Peers.left(1), DATA);
            Peers.readyHandshake(READY);
            Request send = mode.start(length.pattern(Peers.rank()), Peers.right(1), DATA);
            Status status = receive.Wait();
            if (send != null) {
                send.Wait();
            }
            MPI.Buffer_detach();
            return List.of(status.source, status.tag, status.Get_count(MPI.INT),
                Arrays.equals(incoming, length.pattern(Peers.left(1))), send == null || send.Is_null());
        });

        assertEquals(Jobs.expected(size, rank ->
            List.<Object>of(Peers.leftOf(rank, 1, size), DATA, length.ints(), true, true)), seen);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndMessageSizes")
    void sendSucceedsWhenTheReceiverFinishesAsSoonAsItsReceiveCompletes(SendMode mode, MessageSize length)
        throws Exception {
        for (int attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
            List<Boolean> seen = Jobs.onRanks(RACE_RANKS, RACE_TIMEOUT, () -> {
                int rank = Peers.rank();
                if (rank % 2 == 0) {
                    int[] incoming = new int[length.ints()];
                    Request receive = MPI.COMM_WORLD.Irecv(incoming, 0, length.ints(), MPI.INT, rank + 1, DATA);
                    MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, rank + 1, READY);
                    receive.Wait();
                    return Arrays.equals(incoming, length.pattern(rank + 1));
                }
                MPI.Buffer_attach(SendMode.bufferSpaceFor(length.ints()));
                MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, rank - 1, READY);
                Request send = mode.start(length.pattern(rank), rank - 1, DATA);
                if (send != null) {
                    send.Wait();
                }
                MPI.Buffer_detach();
                return true;
            });
            assertEquals(Jobs.expected(RACE_RANKS, rank -> true), seen, "attempt " + attempt);
        }
    }
}
