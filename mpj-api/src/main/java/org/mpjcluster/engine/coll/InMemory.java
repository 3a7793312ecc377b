package org.mpjcluster.engine.coll;

import java.util.List;
import java.util.function.IntFunction;
import mpi.MPIException;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.Meeting;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * Barrier, Bcast, Reduce and Allreduce on a communicator whose ranks all live in this JVM: the
 * ranks meet at the communicator's {@link Meeting}, and the last to arrive reads and writes every
 * rank's buffers directly. Reductions combine in rank order, so any operation applies as MPI
 * defines it and every rank gets the same bits. Counts and kinds must agree on every rank, as for
 * the message-passing algorithms: a broadcast that does not fit a rank's buffer fails on that rank,
 * as a message would; reductions whose ranks disagree fail on every rank.
 */
final class InMemory {

    /** What one rank brings to a reduction: {@code recv} is {@code null} where it is not significant. */
    private record Part(MessageBuffer send, MessageBuffer recv) {
    }

    private static final String AGREE = " (counts and datatypes must agree on every rank)";

    private InMemory() {
    }

    static void barrier(Meeting meeting, Communicator communicator) {
        meeting.attend(communicator.engine(), communicator.rank(), null, nothing -> {
        });
    }

    /** Copies the root's buffer to every rank; a rank whose buffer does not take it throws, the others return. */
    static void bcast(String call, Meeting meeting, Communicator communicator, MessageBuffer buffer, int root) {
        Destination mine = new Destination(buffer);
        meeting.attend(communicator.engine(), communicator.rank(), mine, destinations -> {
            MessageBuffer data = destinations.get(root).buffer;
            for (int rank = 0; rank < destinations.size(); rank++) {
                if (rank != root) {
                    destinations.get(rank).receive(call, data);
                }
            }
        });
        if (mine.error != null) {
            throw mine.error;
        }
    }

    /** One rank's buffer in a broadcast, and the error its part of the call ended with. */
    private static final class Destination {

        private final MessageBuffer buffer;
        private MPIException error;

        Destination(MessageBuffer buffer) {
            this.buffer = buffer;
        }

        /** Copies what fits of {@code data} into the buffer; notes why the rest did not. */
        void receive(String call, MessageBuffer data) {
            if (buffer.kind() != data.kind()) {
                error = new MPIException(ErrorClass.TYPE, call + ": this rank receives " + buffer.kind()
                    + " data but the root sends " + data.kind() + AGREE);
                return;
            }
            int excess = Items.copy(data, buffer);
            if (excess > 0) {
                error = new MPIException(ErrorClass.TRUNCATE, call + ": the root's " + data.elementCount()
                    + " elements do not fit the " + buffer.elementCount() + " this rank receives; only the first "
                    + buffer.elementCount() + " were stored" + AGREE);
            }
        }
    }

    /** Reduces into the root's {@code recv}, or into every rank's when {@code root} is negative. */
    static void reduce(String call, Meeting meeting, Communicator communicator, Reduction reduction,
                       MessageBuffer send, MessageBuffer recv, int root) {
        meeting.attend(communicator.engine(), communicator.rank(), new Part(send, recv), parts -> {
            int count = agreedCount(call, parts.size(), rank -> parts.get(rank).send());
            Items result = combined(reduction, parts, count);
            for (int rank = 0; rank < parts.size(); rank++) {
                if (root < 0 || rank == root) {
                    Items.copy(result, 0, Items.of(parts.get(rank).recv()), 0, count);
                }
            }
        });
    }

    /** The reduction of every rank's data in rank order: {@code d0 op (d1 op (... op dp-1))}. */
    private static Items combined(Reduction reduction, List<Part> parts, int count) {
        Items result = Scratch.items(Scratch.WORK, reduction.layout(), count);
        int last = parts.size() - 1;
        Items.copy(Items.of(parts.get(last).send()), 0, result, 0, count);
        for (int rank = last - 1; rank >= 0; rank--) {
            reduction.combine(Items.of(parts.get(rank).send()), 0, result, 0, count);
        }
        return result;
    }

    /**
     * The count of items every one of {@code size} ranks brings ({@code sendOf} gives a rank's
     * data); throws if they differ in count or kind.
     */
    static int agreedCount(String call, int size, IntFunction<MessageBuffer> sendOf) {
        MessageBuffer first = sendOf.apply(0);
        for (int rank = 1; rank < size; rank++) {
            MessageBuffer other = sendOf.apply(rank);
            if (other.count() != first.count() || other.kind() != first.kind()) {
                throw disagreement(call, "rank 0 brings " + first.count() + " items of " + first.kind() + ", rank "
                    + rank + " brings " + other.count() + " of " + other.kind());
            }
        }
        return first.count();
    }

    private static MPIException disagreement(String call, String what) {
        return new MPIException(ErrorClass.TRUNCATE, call + ": " + what + AGREE);
    }
}
