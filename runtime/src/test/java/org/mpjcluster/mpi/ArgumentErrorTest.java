package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every point-to-point call rejects each invalid argument with an MPIException of the right error
 * class whose message names the call and the argument, and a rejected call has no effect: it sends
 * nothing and leaves no receive posted.
 */
class ArgumentErrorTest {

    private static final int VALID_TAG = 0;
    private static final int SELF = 0;
    private static final int MARKER = 12345;

    /**
     * The arguments one call gets, valid unless a {@link Fault} changed them.
     *
     * @param buf    the buffer
     * @param offset index of the first element
     * @param count  number of items
     * @param type   the datatype
     * @param peer   the destination or source rank
     * @param tag    the tag
     */
    record CallArgs(Object buf, int offset, int count, Datatype type, int peer, int tag) {
        static CallArgs valid() {
            return new CallArgs(new int[10], 0, 1, MPI.INT, SELF, VALID_TAG);
        }
    }

    /** Whether a call's peer is a destination or a source, with the argument's name. */
    enum Direction {
        SEND("dest"),
        RECEIVE("source");

        private final String peerName;

        Direction(String peerName) {
            this.peerName = peerName;
        }
    }

    /** Invokes one call with the given arguments; the call's other arguments are valid. */
    @FunctionalInterface
    interface Invocation {
        void invoke(CallArgs a);
    }

    /** A call taking a buffer section, a peer and a tag, as every send and receive of {@code Comm} does. */
    @FunctionalInterface
    interface BufferCall {
        void call(Object buf, int offset, int count, Datatype type, int peer, int tag);

        default void invoke(CallArgs a) {
            call(a.buf(), a.offset(), a.count(), a.type(), a.peer(), a.tag());
        }
    }

    /**
     * One API call under test.
     *
     * @param label       shown in the test name
     * @param apiName     the name its error messages must start with
     * @param direction   what its peer argument is
     * @param takesBuffer whether buffer faults apply
     * @param invocation  how to call it
     */
    record Call(String label, String apiName, Direction direction, boolean takesBuffer, Invocation invocation) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Kinds of invalid argument. */
    enum Fault {
        NEGATIVE_COUNT(MPI.ERR_COUNT, Set.of("count"), true, false, a ->
            new CallArgs(a.buf(), a.offset(), -1, a.type(), a.peer(), a.tag())),
        NEGATIVE_OFFSET(MPI.ERR_BUFFER, Set.of("offset"), true, false, a ->
            new CallArgs(a.buf(), -1, a.count(), a.type(), a.peer(), a.tag())),
        BUFFER_TOO_SMALL_FOR_OFFSET_AND_COUNT(MPI.ERR_BUFFER, Set.of("offset", "count", "buf"), true, false, a ->
            new CallArgs(new int[10], 4, 7, a.type(), a.peer(), a.tag())),
        WRONG_BUFFER_TYPE(MPI.ERR_BUFFER, Set.of("buf"), true, false, a ->
            new CallArgs(new double[10], a.offset(), a.count(), a.type(), a.peer(), a.tag())),
        NULL_BUFFER(MPI.ERR_BUFFER, Set.of("buf"), true, false, a ->
            new CallArgs(null, a.offset(), a.count(), a.type(), a.peer(), a.tag())),
        NULL_DATATYPE(MPI.ERR_TYPE, Set.of("datatype"), true, false, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), null, a.peer(), a.tag())),
        UNCOMMITTED_DATATYPE(MPI.ERR_TYPE, Set.of("datatype"), true, false, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), Datatype.Contiguous(2, MPI.INT), a.peer(), a.tag())),
        RANK_TOO_LARGE(MPI.ERR_RANK, Set.of(), false, false, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), a.type(), 1, a.tag())),
        NEGATIVE_RANK(MPI.ERR_RANK, Set.of(), false, false, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), a.type(), -7, a.tag())),
        ANY_SOURCE_AS_DESTINATION(MPI.ERR_RANK, Set.of(), false, true, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), a.type(), MPI.ANY_SOURCE, a.tag())),
        NEGATIVE_TAG(MPI.ERR_TAG, Set.of("tag"), false, false, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), a.type(), a.peer(), -5)),
        ANY_TAG_ON_A_SEND(MPI.ERR_TAG, Set.of("tag"), false, true, a ->
            new CallArgs(a.buf(), a.offset(), a.count(), a.type(), a.peer(), MPI.ANY_TAG));

        private final int errorClass;
        private final Set<String> named;
        private final boolean bufferFault;
        private final boolean sendOnly;
        private final UnaryOperator<CallArgs> apply;

        Fault(int errorClass, Set<String> named, boolean bufferFault, boolean sendOnly, UnaryOperator<CallArgs> apply) {
            this.errorClass = errorClass;
            this.named = named;
            this.bufferFault = bufferFault;
            this.sendOnly = sendOnly;
            this.apply = apply;
        }

        boolean appliesTo(Call call) {
            return (!bufferFault || call.takesBuffer()) && (!sendOnly || call.direction() == Direction.SEND);
        }

        /** What the message must name: the call, then the arguments (the peer's name for rank faults). */
        String[] namedIn(Call call) {
            List<String> names = new ArrayList<>(named.isEmpty() ? Set.of(call.direction().peerName) : named);
            names.sort(null);
            names.add(0, call.apiName() + ":");
            return names.toArray(new String[0]);
        }
    }

    static List<Call> calls() {
        return List.of(
            send("Send", MPI.COMM_WORLD::Send),
            send("Ssend", MPI.COMM_WORLD::Ssend),
            send("Bsend", MPI.COMM_WORLD::Bsend),
            send("Rsend", MPI.COMM_WORLD::Rsend),
            send("Isend", MPI.COMM_WORLD::Isend),
            send("Issend", MPI.COMM_WORLD::Issend),
            send("Ibsend", MPI.COMM_WORLD::Ibsend),
            send("Irsend", MPI.COMM_WORLD::Irsend),
            send("Send_init", MPI.COMM_WORLD::Send_init),
            send("Ssend_init", MPI.COMM_WORLD::Ssend_init),
            send("Bsend_init", MPI.COMM_WORLD::Bsend_init),
            send("Rsend_init", MPI.COMM_WORLD::Rsend_init),
            receive("Recv", MPI.COMM_WORLD::Recv),
            receive("Irecv", MPI.COMM_WORLD::Irecv),
            receive("Recv_init", MPI.COMM_WORLD::Recv_init),
            new Call("Sendrecv (send part)", "Sendrecv", Direction.SEND, true, a -> MPI.COMM_WORLD.Sendrecv(
                a.buf(), a.offset(), a.count(), a.type(), a.peer(), a.tag(),
                new int[1], 0, 1, MPI.INT, SELF, VALID_TAG)),
            new Call("Sendrecv (receive part)", "Sendrecv", Direction.RECEIVE, true, a -> MPI.COMM_WORLD.Sendrecv(
                new int[1], 0, 1, MPI.INT, SELF, VALID_TAG,
                a.buf(), a.offset(), a.count(), a.type(), a.peer(), a.tag())),
            new Call("Sendrecv_replace (send part)", "Sendrecv_replace", Direction.SEND, true, a ->
                MPI.COMM_WORLD.Sendrecv_replace(a.buf(), a.offset(), a.count(), a.type(), a.peer(), a.tag(),
                    SELF, VALID_TAG)),
            new Call("Sendrecv_replace (receive part)", "Sendrecv_replace", Direction.RECEIVE, false, a ->
                MPI.COMM_WORLD.Sendrecv_replace(new int[1], 0, 1, MPI.INT, SELF, VALID_TAG, a.peer(), a.tag())),
            new Call("Probe", "Probe", Direction.RECEIVE, false, a -> MPI.COMM_WORLD.Probe(a.peer(), a.tag())),
            new Call("Iprobe", "Iprobe", Direction.RECEIVE, false, a -> MPI.COMM_WORLD.Iprobe(a.peer(), a.tag())));
    }

    static Stream<Arguments> callsAndFaults() {
        return calls().stream().flatMap(call -> Arrays.stream(Fault.values())
            .filter(fault -> fault.appliesTo(call)).map(fault -> Arguments.of(call, fault)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("callsAndFaults")
    void rejectsTheInvalidArgumentNamingItAndLeavesNoTrace(Call call, Fault fault) throws Exception {
        List<String> seen = Jobs.onRanks(1, () -> {
            String error = Errors.of(() -> call.invocation().invoke(fault.apply.apply(CallArgs.valid())),
                fault.namedIn(call));
            return error + "; " + traces();
        });

        assertEquals(List.of(Errors.naming(fault.errorClass, fault.namedIn(call)) + "; no trace"), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void rankOutOfRangeIsJudgedAgainstTheCommunicatorSize(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            int[] value = {Peers.rank()};
            String beyond = Errors.of(() -> MPI.COMM_WORLD.Send(value, 0, 1, MPI.INT, size, VALID_TAG),
                String.valueOf(size), "0.." + (size - 1));
            MPI.COMM_WORLD.Send(value, 0, 1, MPI.INT, size - 1, VALID_TAG);
            List<String> log = new ArrayList<>(List.of(beyond));
            if (Peers.rank() == size - 1) {
                for (int source = 0; source < size; source++) {
                    MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, source, VALID_TAG);
                    log.add("from " + value[0]);
                }
            }
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> {
            String rejected = Errors.naming(MPI.ERR_RANK, String.valueOf(size), "0.." + (size - 1));
            List<String> log = new ArrayList<>(List.of(rejected));
            if (rank == size - 1) {
                for (int source = 0; source < size; source++) {
                    log.add("from " + source);
                }
            }
            return log;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void acceptsTheLargestTagAndAnEmptySectionAtTheEndOfTheBuffer(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int[] buffer = new int[4];
            MPI.COMM_WORLD.Send(buffer, buffer.length, 0, MPI.INT, Peers.right(1), MPI.TAG_UB);
            Status status = MPI.COMM_WORLD.Recv(buffer, buffer.length, 0, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
            return "source " + status.source + " tag " + status.tag + " count " + status.Get_count(MPI.INT);
        });

        assertEquals(Jobs.expected(size, rank ->
            "source " + Peers.leftOf(rank, 1, size) + " tag " + MPI.TAG_UB + " count 0"), seen);
    }

    private static Call send(String name, BufferCall call) {
        return new Call(name, name, Direction.SEND, true, call::invoke);
    }

    private static Call receive(String name, BufferCall call) {
        return new Call(name, name, Direction.RECEIVE, true, call::invoke);
    }

    /**
     * What a rejected call left behind on this one-rank job: a message it sent, or a receive it
     * posted that swallows the next message to this rank.
     */
    private static String traces() {
        List<String> traces = new ArrayList<>();
        if (MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) != null) {
            traces.add("a message was sent");
            MPI.COMM_WORLD.Recv(new int[10], 0, 10, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        }
        MPI.COMM_WORLD.Send(new int[] {MARKER}, 0, 1, MPI.INT, SELF, VALID_TAG);
        if (MPI.COMM_WORLD.Iprobe(SELF, VALID_TAG) == null) {
            traces.add("a receive stayed posted and took the next message");
        } else {
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, SELF, VALID_TAG);
        }
        return traces.isEmpty() ? "no trace" : String.join(", ", traces);
    }
}
