package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mpi.MPI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buffered sends copy the message into the attached space, fail with {@code ERR_BUFFER} when there
 * is no buffer or too little free space, and {@code Buffer_detach} waits for them to drain.
 */
class BufferedSendTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int GO = 3;
    private static final int[] NOTHING = new int[0];
    /** Limit for jobs whose failure mode is a hang; ample for what they do when they pass. */
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(3);

    static Stream<Arguments> messageSizesAndRankCounts() {
        return Cases.cross(MessageSize.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void bsendCopiesTheMessageSoTheSenderMayOverwriteItsArrayAtOnce(MessageSize length, int size) throws Exception {
        List<List<Boolean>> seen = Jobs.onRanks(size, () -> {
            byte[] space = SendMode.bufferSpaceFor(length.ints());
            MPI.Buffer_attach(space);
            int[] outgoing = length.pattern(Peers.rank());
            MPI.COMM_WORLD.Bsend(outgoing, 0, outgoing.length, MPI.INT, Peers.right(1), DATA);
            Arrays.fill(outgoing, -1);
            int[] incoming = new int[length.ints()];
            MPI.COMM_WORLD.Recv(incoming, 0, incoming.length, MPI.INT, Peers.left(1), DATA);
            return List.of(Arrays.equals(incoming, length.pattern(Peers.left(1))), MPI.Buffer_detach() == space);
        });

        assertEquals(Jobs.expected(size, rank -> List.of(true, true)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void bufferedSendsWithoutAnAttachedBufferFailWithErrBufferAndSendNothing(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            int[] outgoing = {Peers.rank()};
            int right = Peers.right(1);
            String bsend = Errors.of(() -> MPI.COMM_WORLD.Bsend(outgoing, 0, 1, MPI.INT, right, DATA), "Buffer_attach");
            String ibsend = Errors.of(() -> MPI.COMM_WORLD.Ibsend(outgoing, 0, 1, MPI.INT, right, DATA),
                "Buffer_attach");
            String bsendInit = Errors.of(() -> MPI.COMM_WORLD.Bsend_init(outgoing, 0, 1, MPI.INT, right, DATA).Start(),
                "Buffer_attach");
            MPI.Buffer_attach(SendMode.bufferSpaceFor(1));
            String attachAgain = Errors.of(() -> MPI.Buffer_attach(SendMode.bufferSpaceFor(1)), "Buffer_attach");
            MPI.Buffer_detach();
            String afterDetach = Errors.of(() -> MPI.COMM_WORLD.Bsend(outgoing, 0, 1, MPI.INT, right, DATA),
                "Buffer_attach");
            Peers.barrier(READY);
            String delivered = String.valueOf(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, DATA));
            return List.of(bsend, ibsend, bsendInit, attachAgain, afterDetach, delivered);
        });

        String missing = Errors.naming(MPI.ERR_BUFFER, "Buffer_attach");
        assertEquals(Jobs.expected(size, rank -> List.of(missing, missing, missing, missing, missing, "null")), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void bsendFailsWithErrBufferWhileTheAttachedSpaceIsHeldByAnUndeliveredMessage(int size) throws Exception {
        int ints = MessageSize.RENDEZVOUS.ints();
        int spaceBytes = ints * Integer.BYTES + MPI.BSEND_OVERHEAD;
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int right = Peers.right(1);
            byte[] space = SendMode.bufferSpaceFor(ints);
            MPI.Buffer_attach(space);
            MPI.COMM_WORLD.Bsend(MessageSize.pattern(rank, ints), 0, ints, MPI.INT, right, DATA);
            String secondLarge = Errors.of(() ->
                MPI.COMM_WORLD.Bsend(MessageSize.pattern(-rank, ints), 0, ints, MPI.INT, right, DATA), "0", "bytes");
            String small = Errors.of(() -> MPI.COMM_WORLD.Bsend(new int[] {rank}, 0, 1, MPI.INT, right, DATA),
                "0", "bytes");
            String tooLargeForTheBuffer = Errors.of(() ->
                MPI.COMM_WORLD.Bsend(new int[ints + 1], 0, ints + 1, MPI.INT, right, GO), String.valueOf(spaceBytes));

            MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, right, GO);
            MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, Peers.left(1), GO);
            int[] incoming = new int[ints];
            MPI.COMM_WORLD.Recv(incoming, 0, ints, MPI.INT, Peers.left(1), DATA);
            boolean firstArrived = Arrays.equals(incoming, MessageSize.pattern(Peers.left(1), ints));
            MPI.Buffer_detach();
            MPI.Buffer_attach(space);
            MPI.COMM_WORLD.Bsend(MessageSize.pattern(rank, ints), 0, ints, MPI.INT, right, DATA);
            MPI.COMM_WORLD.Recv(incoming, 0, ints, MPI.INT, Peers.left(1), DATA);
            boolean reusedSpaceArrived = Arrays.equals(incoming, MessageSize.pattern(Peers.left(1), ints));
            MPI.Buffer_detach();
            boolean nothingElse = MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) == null;
            return List.of(secondLarge, small, tooLargeForTheBuffer, firstArrived, reusedSpaceArrived, nothingElse);
        });

        String noneFree = Errors.naming(MPI.ERR_BUFFER, "0", "bytes");
        assertEquals(Jobs.expected(size, rank -> List.<Object>of(noneFree, noneFree,
            Errors.naming(MPI.ERR_BUFFER, String.valueOf(spaceBytes)), true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 8})
    void bufferDetachThrowsInsteadOfHangingWhenADestinationFinishedWithoutReceiving(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, HANG_TIMEOUT, () -> {
            if (Peers.rank() != 0) {
                MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, 0, GO);
                return "finished without receiving";
            }
            int ints = MessageSize.RENDEZVOUS.ints();
            MPI.Buffer_attach(new byte[size * SendMode.bufferSpaceFor(ints).length]);
            for (int dest = 1; dest < size; dest++) {
                MPI.COMM_WORLD.Bsend(MessageSize.pattern(0, ints), 0, ints, MPI.INT, dest, DATA);
                MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, dest, GO);
            }
            return Errors.classOf(MPI::Buffer_detach);
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0 ? "MPI_ERR_PROC_FAILED" : "finished without receiving"),
            seen);
    }
}
