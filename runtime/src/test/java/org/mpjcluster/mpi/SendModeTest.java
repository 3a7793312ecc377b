package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.Comm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.engine.ErrorClass;

/**
 * Every send mode delivers, and each keeps its own completion rule: synchronous sends complete only
 * once the receiver has matched them; buffered sends copy into attached space and fail with
 * {@code ERR_BUFFER} when there is none or too little.
 */
class SendModeTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int GO = 3;
    private static final int[] NOTHING = new int[0];
    private static final int[] SIZES = {1, 2, 3, 4, 8};
    /** Limit for jobs whose failure mode is a hang; ample for what they do when they pass. */
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(3);
    /** Jobs per case in the race test: enough to lose the race often when acknowledgements come late. */
    private static final int RACE_ATTEMPTS = 25;
    /** Ranks per job in the race test: pairs of a receiver that finishes early and its sender. */
    private static final int RACE_RANKS = 8;

    /** Starts a send of a whole {@code int[]}; blocking modes return {@code null}. */
    @FunctionalInterface
    interface Starter {
        Request start(Comm comm, int[] buf, int dest, int tag);
    }

    /** The eight send calls of {@code Comm}. */
    enum SendMode {
        SEND((c, buf, dest, tag) -> {
            c.Send(buf, 0, buf.length, MPI.INT, dest, tag);
            return null;
        }),
        SSEND((c, buf, dest, tag) -> {
            c.Ssend(buf, 0, buf.length, MPI.INT, dest, tag);
            return null;
        }),
        BSEND((c, buf, dest, tag) -> {
            c.Bsend(buf, 0, buf.length, MPI.INT, dest, tag);
            return null;
        }),
        RSEND((c, buf, dest, tag) -> {
            c.Rsend(buf, 0, buf.length, MPI.INT, dest, tag);
            return null;
        }),
        ISEND((c, buf, dest, tag) -> c.Isend(buf, 0, buf.length, MPI.INT, dest, tag)),
        ISSEND((c, buf, dest, tag) -> c.Issend(buf, 0, buf.length, MPI.INT, dest, tag)),
        IBSEND((c, buf, dest, tag) -> c.Ibsend(buf, 0, buf.length, MPI.INT, dest, tag)),
        IRSEND((c, buf, dest, tag) -> c.Irsend(buf, 0, buf.length, MPI.INT, dest, tag));

        private final Starter starter;

        SendMode(Starter starter) {
            this.starter = starter;
        }

        Request start(int[] buf, int dest, int tag) {
            return starter.start(MPI.COMM_WORLD, buf, dest, tag);
        }
    }

    static Stream<Arguments> modesMessageSizesAndRankCounts() {
        return Arrays.stream(SendMode.values()).flatMap(mode -> Arrays.stream(MessageSize.values())
            .flatMap(length -> IntStream.of(SIZES).mapToObj(size -> Arguments.of(mode, length, size))));
    }

    static Stream<Arguments> modesAndMessageSizes() {
        return Arrays.stream(SendMode.values())
            .flatMap(mode -> Arrays.stream(MessageSize.values()).map(length -> Arguments.of(mode, length)));
    }

    static Stream<Arguments> messageSizesAndRankCounts() {
        return Arrays.stream(MessageSize.values())
            .flatMap(length -> IntStream.of(SIZES).mapToObj(size -> Arguments.of(length, size)));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} ranks")
    @MethodSource("modesMessageSizesAndRankCounts")
    void everySendModeDeliversAroundARing(SendMode mode, MessageSize length, int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            MPI.Buffer_attach(new byte[length.ints() * Integer.BYTES + MPI.BSEND_OVERHEAD]);
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

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void issendIsNotCompleteUntilTheReceiverPostsAMatchingReceive(MessageSize length, int size) throws Exception {
        List<List<Boolean>> seen = Jobs.onRanks(size, () -> {
            Request send = MPI.COMM_WORLD.Issend(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), DATA);
            boolean pendingBeforeMatch = staysPending(send);
            MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, Peers.right(1), GO);
            MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, Peers.left(1), GO);
            int[] incoming = new int[length.ints()];
            MPI.COMM_WORLD.Recv(incoming, 0, incoming.length, MPI.INT, Peers.left(1), DATA);
            send.Wait();
            return List.of(pendingBeforeMatch, Arrays.equals(incoming, length.pattern(Peers.left(1))), send.Is_null());
        });

        assertEquals(Jobs.expected(size, rank -> List.of(true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 8})
    void ssendReturnsOnlyAfterTheReceiverHasPostedItsReceive(int size) throws Exception {
        AtomicIntegerArray receivePosted = new AtomicIntegerArray(size);
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            if (rank == 0) {
                Integer[] postedWhenSsendReturned = new Integer[size - 1];
                for (int dest = 1; dest < size; dest++) {
                    MPI.COMM_WORLD.Ssend(new int[] {dest}, 0, 1, MPI.INT, dest, DATA);
                    postedWhenSsendReturned[dest - 1] = receivePosted.get(dest);
                }
                return List.of(postedWhenSsendReturned);
            }
            Thread.sleep(20);
            int[] value = new int[1];
            receivePosted.set(rank, 1);
            MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, 0, DATA);
            return List.of(value[0]);
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0
            ? IntStream.range(1, size).mapToObj(dest -> 1).toList() : List.of(rank)), seen);
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void bsendCopiesTheMessageSoTheSenderMayOverwriteItsArrayAtOnce(MessageSize length, int size) throws Exception {
        List<List<Boolean>> seen = Jobs.onRanks(size, () -> {
            byte[] space = new byte[length.ints() * Integer.BYTES + MPI.BSEND_OVERHEAD];
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
            String bsend = errorOf(() -> MPI.COMM_WORLD.Bsend(outgoing, 0, 1, MPI.INT, right, DATA));
            String ibsend = errorOf(() -> MPI.COMM_WORLD.Ibsend(outgoing, 0, 1, MPI.INT, right, DATA));
            String bsendInit = errorOf(() -> MPI.COMM_WORLD.Bsend_init(outgoing, 0, 1, MPI.INT, right, DATA).Start());
            MPI.Buffer_attach(new byte[64 * MPI.BSEND_OVERHEAD]);
            String attachAgain = errorOf(() -> MPI.Buffer_attach(new byte[MPI.BSEND_OVERHEAD]));
            MPI.Buffer_detach();
            String afterDetach = errorOf(() -> MPI.COMM_WORLD.Bsend(outgoing, 0, 1, MPI.INT, right, DATA));
            Peers.barrier(READY);
            String delivered = String.valueOf(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, DATA));
            return List.of(bsend, ibsend, bsendInit, attachAgain, afterDetach, delivered);
        });

        String missing = "ERR_BUFFER naming Buffer_attach";
        assertEquals(Jobs.expected(size, rank -> List.of(missing, missing, missing,
            "ERR_BUFFER naming Buffer_attach", missing, "null")), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void bsendFailsWithErrBufferWhileTheAttachedSpaceIsHeldByAnUndeliveredMessage(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int ints = MessageSize.RENDEZVOUS.ints();
            byte[] space = new byte[ints * Integer.BYTES + MPI.BSEND_OVERHEAD];
            MPI.Buffer_attach(space);
            MPI.COMM_WORLD.Bsend(MessageSize.pattern(rank, ints), 0, ints, MPI.INT, Peers.right(1), DATA);
            String secondLarge = errorOf(() ->
                MPI.COMM_WORLD.Bsend(MessageSize.pattern(-rank, ints), 0, ints, MPI.INT, Peers.right(1), DATA));
            String small = errorOf(() -> MPI.COMM_WORLD.Bsend(new int[] {rank}, 0, 1, MPI.INT, Peers.right(1), DATA));
            String tooLargeForTheBuffer = errorOf(() ->
                MPI.COMM_WORLD.Bsend(new int[ints + 1], 0, ints + 1, MPI.INT, Peers.right(1), GO));

            MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, Peers.right(1), GO);
            MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, Peers.left(1), GO);
            int[] incoming = new int[ints];
            MPI.COMM_WORLD.Recv(incoming, 0, ints, MPI.INT, Peers.left(1), DATA);
            boolean firstArrived = Arrays.equals(incoming, MessageSize.pattern(Peers.left(1), ints));
            MPI.Buffer_detach();
            MPI.Buffer_attach(space);
            MPI.COMM_WORLD.Bsend(MessageSize.pattern(rank, ints), 0, ints, MPI.INT, Peers.right(1), DATA);
            MPI.COMM_WORLD.Recv(incoming, 0, ints, MPI.INT, Peers.left(1), DATA);
            boolean reusedSpaceArrived = Arrays.equals(incoming, MessageSize.pattern(Peers.left(1), ints));
            MPI.Buffer_detach();
            boolean nothingElse = MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) == null;
            return List.of(secondLarge, small, tooLargeForTheBuffer, firstArrived, reusedSpaceArrived, nothingElse);
        });

        String shortOfSpace = "ERR_BUFFER naming bytes";
        assertEquals(Jobs.expected(size, rank ->
            List.<Object>of(shortOfSpace, shortOfSpace, shortOfSpace, true, true, true)), seen);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndMessageSizes")
    void sendSucceedsWhenTheReceiverFinishesAsSoonAsItsReceiveCompletes(SendMode mode, MessageSize length)
        throws Exception {
        for (int attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
            List<Boolean> seen = Jobs.onRanks(RACE_RANKS, HANG_TIMEOUT, () -> {
                int rank = Peers.rank();
                if (rank % 2 == 0) {
                    int[] incoming = new int[length.ints()];
                    Request receive = MPI.COMM_WORLD.Irecv(incoming, 0, length.ints(), MPI.INT, rank + 1, DATA);
                    MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, rank + 1, READY);
                    receive.Wait();
                    return Arrays.equals(incoming, length.pattern(rank + 1));
                }
                MPI.Buffer_attach(new byte[length.ints() * Integer.BYTES + MPI.BSEND_OVERHEAD]);
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

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 8})
    void bufferDetachThrowsInsteadOfHangingWhenADestinationFinishedWithoutReceiving(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, HANG_TIMEOUT, () -> {
            if (Peers.rank() != 0) {
                MPI.COMM_WORLD.Recv(NOTHING, 0, 0, MPI.INT, 0, GO);
                return "finished without receiving";
            }
            int ints = MessageSize.RENDEZVOUS.ints();
            MPI.Buffer_attach(new byte[size * (ints * Integer.BYTES + MPI.BSEND_OVERHEAD)]);
            for (int dest = 1; dest < size; dest++) {
                MPI.COMM_WORLD.Bsend(MessageSize.pattern(0, ints), 0, ints, MPI.INT, dest, DATA);
                MPI.COMM_WORLD.Send(NOTHING, 0, 0, MPI.INT, dest, GO);
            }
            try {
                MPI.Buffer_detach();
                return "detached";
            } catch (MPIException e) {
                return ErrorClass.name(e.getErrorClass());
            }
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0 ? "MPI_ERR_PROC_FAILED" : "finished without receiving"),
            seen);
    }

    /** Whether {@code request} stays incomplete over several Tests spread over some milliseconds. */
    static boolean staysPending(Request request) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (request.Test() != null) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Runs {@code call} and describes the MPIException it raised as its error class plus whether the
     * message names {@code Buffer_attach} or a byte count, or says that it raised nothing.
     */
    private static String errorOf(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (MPIException e) {
            String name = e.getErrorClass() == MPI.ERR_BUFFER ? "ERR_BUFFER" : "error class " + e.getErrorClass();
            String message = e.getMessage();
            String names = message.contains("Buffer_attach") ? "Buffer_attach"
                : message.contains("bytes") ? "bytes" : "neither: " + message;
            return name + " naming " + names;
        }
    }
}
