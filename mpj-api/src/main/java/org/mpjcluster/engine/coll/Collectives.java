package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Crossing;
import org.mpjcluster.engine.Meeting;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * The collective operations of an intracommunicator, on its collective context. Each call picks
 * its algorithm from the size of the data and of the communicator (see {@link Thresholds}); every
 * rank makes the same choice, since it depends only on arguments that must agree across ranks.
 * Arguments are checked by the caller. Errors are {@code MPIException}s naming {@code call}.
 */
public final class Collectives {

    private static final int BARRIER = 1;
    private static final int BCAST = 2;
    private static final int GATHER = 3;
    private static final int SCATTER = 4;
    private static final int ALLGATHER = 5;
    private static final int ALLTOALL = 6;
    private static final int REDUCE = 7;
    private static final int ALLREDUCE = 8;
    private static final int REDUCE_SCATTER = 9;
    private static final int SCAN = 10;
    private static final int EXSCAN = 11;

    private Collectives() {
    }

    /** Returns once every rank has called it. */
    public static void barrier(String call, Communicator communicator) {
        Meeting meeting = meetingFor(communicator, null);
        if (meeting != null) {
            InMemory.barrier(meeting, communicator);
            return;
        }
        Channel channel = Channel.open(call, communicator, BARRIER);
        Barrier.dissemination(channel);
        channel.finish();
    }

    /** Gives every rank the root's {@code buffer}. */
    public static void bcast(String call, Communicator communicator, MessageBuffer buffer, int root) {
        Meeting meeting = meetingFor(communicator, buffer);
        if (meeting != null) {
            InMemory.bcast(call, meeting, communicator, buffer, root);
            return;
        }
        Channel channel = Channel.open(call, communicator, BCAST);
        Thresholds thresholds = Thresholds.current();
        if (bytes(buffer) >= thresholds.bcastBytes() && channel.size >= thresholds.bcastRanks()) {
            Broadcast.scatterAllgather(channel, buffer, root);
        } else {
            Broadcast.binomial(channel, buffer, root);
        }
        channel.finish();
    }

    /**
     * Gathers every rank's {@code send} into the root's {@code recv} blocks; {@code uniform} when
     * all blocks have the same size (Gather), which lets small blocks travel up a tree.
     * {@code recv} is {@code null} except at the root.
     */
    public static void gather(String call, Communicator communicator, MessageBuffer send, RankBlocks recv,
                              int root, boolean uniform) {
        Channel channel = Channel.open(call, communicator, GATHER);
        long block = recv != null ? recv.largestBlockBytes() : bytes(send);
        if (uniform && block < Thresholds.current().gatherBytes()) {
            Gathering.binomialGather(channel, send, recv, root);
        } else {
            Gathering.linearGather(channel, send, recv, root);
        }
        channel.finish();
    }

    /**
     * Scatters the root's {@code send} blocks to every rank's {@code recv}; {@code uniform} when
     * all blocks have the same size (Scatter). {@code send} is {@code null} except at the root.
     */
    public static void scatter(String call, Communicator communicator, RankBlocks send, MessageBuffer recv,
                               int root, boolean uniform) {
        Channel channel = Channel.open(call, communicator, SCATTER);
        long block = send != null ? send.largestBlockBytes() : bytes(recv);
        if (uniform && block < Thresholds.current().gatherBytes()) {
            Gathering.binomialScatter(channel, send, recv, root);
        } else {
            Gathering.linearScatter(channel, send, recv, root);
        }
        channel.finish();
    }

    /** Gives every rank every rank's {@code send} in its {@code recv} blocks. */
    public static void allgather(String call, Communicator communicator, MessageBuffer send, RankBlocks recv) {
        Channel channel = Channel.open(call, communicator, ALLGATHER);
        if (recv.totalBytes() >= Thresholds.current().allgatherBytes()) {
            Allgathering.ring(channel, send, recv);
        } else {
            Allgathering.bruck(channel, send, recv);
        }
        channel.finish();
    }

    /**
     * Sends block {@code j} of every rank's {@code send} to rank {@code j}, into block {@code i} of
     * its {@code recv} for sender {@code i}. The choice is local (each rank sends and receives one
     * message per peer either way, so ranks that choose differently still match).
     */
    public static void alltoall(String call, Communicator communicator, RankBlocks send, RankBlocks recv) {
        Channel channel = Channel.open(call, communicator, ALLTOALL);
        long block = Math.max(send.largestBlockBytes(), recv.largestBlockBytes());
        if (block >= Thresholds.current().alltoallBytes()) {
            AllToAll.pairwise(channel, send, recv);
        } else {
            AllToAll.allAtOnce(channel, send, recv);
        }
        channel.finish();
    }

    /** Reduces every rank's {@code send} into the root's {@code recv} ({@code null} elsewhere). */
    public static void reduce(String call, Communicator communicator, MessageBuffer send, MessageBuffer recv,
                              Reduction reduction, int root) {
        Meeting meeting = meetingFor(communicator, send);
        if (meeting != null) {
            InMemory.reduce(call, meeting, communicator, reduction, send, recv, root);
            return;
        }
        Channel channel = Channel.open(call, communicator, REDUCE);
        if (channel.size == 1) {
            copyAlone(send, recv);
        } else if (reduction.isCommutative() && bytes(send) >= Thresholds.current().reduceBytes()) {
            Reducing.rabenseifnerReduce(channel, reduction, send, recv, root);
        } else {
            Reducing.binomial(channel, reduction, send, recv, root);
        }
        channel.finish();
    }

    /** Reduces every rank's {@code send} into every rank's {@code recv}. */
    public static void allreduce(String call, Communicator communicator, MessageBuffer send, MessageBuffer recv,
                                 Reduction reduction) {
        Meeting meeting = meetingFor(communicator, send);
        if (meeting != null) {
            InMemory.reduce(call, meeting, communicator, reduction, send, recv, -1);
            return;
        }
        Crossing crossing = crossingFor(communicator, send);
        if (crossing != null && bytes(send) <= Thresholds.current().inMemoryBytes()) {
            SharedReducing.allreduceSmall(call, crossing, communicator, reduction, send, recv);
            return;
        }
        if (crossing != null) {
            SharedReducing.allreduceLarge(call, crossing, communicator, reduction, send, recv);
            return;
        }
        Channel channel = Channel.open(call, communicator, ALLREDUCE);
        if (channel.size == 1) {
            copyAlone(send, recv);
        } else if (reduction.isCommutative() && bytes(send) >= Thresholds.current().allreduceBytes()) {
            Reducing.rabenseifnerAllreduce(channel, reduction, send, recv);
        } else {
            Reducing.recursiveDoubling(channel, reduction, send, recv);
        }
        channel.finish();
    }

    /**
     * Reduces every rank's {@code send} (the parts of all ranks, part {@code i} being
     * {@code counts[i]} items) and gives rank {@code i} part {@code i} in its {@code recv}.
     */
    public static void reduceScatter(String call, Communicator communicator, MessageBuffer send,
                                     MessageBuffer recv, int[] counts, Reduction reduction) {
        Channel channel = Channel.open(call, communicator, REDUCE_SCATTER);
        if (channel.size == 1) {
            copyAlone(new MessageBuffer(send.array(), send.offset(), counts[0], send.layout()), recv);
        } else if (!reduction.isCommutative()) {
            ReduceScatter.reduceThenScatter(channel, reduction, send, recv, counts);
        } else if (bytes(send) >= Thresholds.current().reduceScatterBytes()) {
            ReduceScatter.ring(channel, reduction, send, recv, counts);
        } else {
            ReduceScatter.recursiveHalving(channel, reduction, send, recv, counts);
        }
        channel.finish();
    }

    /** Gives rank {@code i} in {@code recv} the reduction of the {@code send} of ranks {@code 0..i}. */
    public static void scan(String call, Communicator communicator, MessageBuffer send, MessageBuffer recv,
                            Reduction reduction) {
        Channel channel = Channel.open(call, communicator, SCAN);
        Scanning.recursiveDoubling(channel, reduction, send, recv, false);
        channel.finish();
    }

    /**
     * Gives rank {@code i > 0} in {@code recv} the reduction of the {@code send} of ranks
     * {@code 0..i-1}; rank 0's {@code recv} is left as it was.
     */
    public static void exscan(String call, Communicator communicator, MessageBuffer send, MessageBuffer recv,
                              Reduction reduction) {
        Channel channel = Channel.open(call, communicator, EXSCAN);
        Scanning.recursiveDoubling(channel, reduction, send, recv, true);
        channel.finish();
    }

    /**
     * The meeting of {@code communicator} for a call moving {@code data} ({@code null} for none),
     * or {@code null} when the call passes messages instead: when the job's settings say so, when
     * some rank lives in another JVM, when they have a core each, or when the data is too large or
     * is objects (which a rank deserializes with its own class loader).
     */
    private static Meeting meetingFor(Communicator communicator, MessageBuffer data) {
        Thresholds thresholds = Thresholds.current();
        if (!communicator.engine().settings().inMemoryCollectives()
            || communicator.size() <= thresholds.inMemoryRanks() || data != null
            && (data.kind() == PrimitiveKind.OBJECT || bytes(data) > thresholds.inMemoryBytes())) {
            return null;
        }
        return communicator.meeting();
    }

    /**
     * The crossing of {@code communicator} for a call moving {@code data} that the ranks share out,
     * or {@code null} when the call passes messages instead: when the job's settings or the
     * thresholds say so, when some rank lives in another JVM, or when the data is objects.
     */
    private static Crossing crossingFor(Communicator communicator, MessageBuffer data) {
        int crossingBytes = Thresholds.current().crossingBytes();
        if (!communicator.engine().settings().inMemoryCollectives() || crossingBytes < 0
            || bytes(data) < crossingBytes || data.kind() == PrimitiveKind.OBJECT) {
            return null;
        }
        return communicator.crossing();
    }

    private static long bytes(MessageBuffer buffer) {
        return Sizes.bytes(buffer.layout(), buffer.count());
    }

    private static void copyAlone(MessageBuffer send, MessageBuffer recv) {
        Items.copy(Items.of(send), 0, Items.of(recv), 0, send.count());
    }
}
