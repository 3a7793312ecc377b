package org.mpjcluster.engine;

import java.util.Arrays;
import mpi.MPIException;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * The engine's side of a communicator: its context, the endpoints of its ranks and this rank's
 * place among them. Point-to-point calls address ranks of the remote group (the group itself for
 * an intracommunicator); the engine addresses endpoints.
 *
 * <p>Every communicator owns two contexts: {@link #context()} for point-to-point traffic and the
 * next one for the collective operations run on it ({@link #collective()}), so the two never
 * match each other's messages.
 */
public final class Communicator {

    private static final Object NOT_IN_MEMORY = new Object();

    private final Engine engine;
    private final int context;
    private final int[] localEndpoints;
    private final int[] remoteEndpoints;
    private final int rank;
    private Communicator collective;
    private volatile boolean errorsAreFatal;
    /** Where the ranks meet for small collective calls, {@code NOT_IN_MEMORY}, or {@code null} before the first look. */
    private volatile Object meeting;
    /** Where the ranks cross for collective calls they share out, or {@code null} before the first look. */
    private volatile Object crossing;

    /**
     * An intracommunicator.
     *
     * @param engine    this rank's engine
     * @param context   the context id, the same on every member and unique among communicators
     *                  this process belongs to; {@code context + 1} is taken too (collectives)
     * @param endpoints the endpoint of each rank of the communicator
     * @param rank      this process's rank in the communicator
     */
    public Communicator(Engine engine, int context, int[] endpoints, int rank) {
        this(engine, context, endpoints, endpoints, rank);
    }

    /**
     * An intercommunicator (or, with equal groups, an intracommunicator).
     *
     * @param localEndpoints  the endpoints of the local group, by rank
     * @param remoteEndpoints the endpoints of the remote group, by rank: where sends go
     * @param rank            this process's rank in the local group
     */
    public Communicator(Engine engine, int context, int[] localEndpoints, int[] remoteEndpoints, int rank) {
        this.engine = engine;
        this.context = context;
        this.localEndpoints = localEndpoints.clone();
        this.remoteEndpoints = remoteEndpoints == localEndpoints ? this.localEndpoints : remoteEndpoints.clone();
        this.rank = rank;
    }

    /** The communicator collective operations on this one use: same groups, the next context. */
    public synchronized Communicator collective() {
        if (collective == null) {
            collective = new Communicator(engine, context + 1, localEndpoints,
                remoteEndpoints == localEndpoints ? localEndpoints : remoteEndpoints, rank);
        }
        return collective;
    }

    /**
     * Where the ranks of this intracommunicator meet for small collective calls when they all live
     * in this JVM, or {@code null} when some live elsewhere (or this is an intercommunicator).
     */
    public Meeting meeting() {
        Object known = meeting;
        if (known == null) {
            boolean inMemory = !isInter() && Arrays.stream(localEndpoints).allMatch(engine::sharesMemoryWith);
            known = inMemory ? engine.job().meeting(context, localEndpoints) : NOT_IN_MEMORY;
            meeting = known;
        }
        return known instanceof Meeting found ? found : null;
    }

    /**
     * Where the ranks of this intracommunicator show each other their buffers for collective calls
     * they share out when they all live in this JVM, or {@code null} when some live elsewhere (or
     * this is an intercommunicator).
     */
    public Crossing crossing() {
        Object known = crossing;
        if (known == null) {
            known = meeting() != null ? engine.job().crossing(context, localEndpoints) : NOT_IN_MEMORY;
            crossing = known;
        }
        return known instanceof Crossing found ? found : null;
    }

    /** Whether the remote group is another group than the local one. */
    public boolean isInter() {
        return remoteEndpoints != localEndpoints;
    }

    /** Number of ranks in the remote group (the group itself for an intracommunicator). */
    public int remoteSize() {
        return remoteEndpoints.length;
    }

    /** The endpoint of each rank of the local group (a copy). */
    public int[] localEndpoints() {
        return localEndpoints.clone();
    }

    /** The endpoint of each rank of the remote group (a copy). */
    public int[] remoteEndpoints() {
        return remoteEndpoints.clone();
    }

    /** The engine this communicator runs on. */
    public Engine engine() {
        return engine;
    }

    /** This process's rank in the communicator. */
    public int rank() {
        return rank;
    }

    /** Number of ranks in the local group. */
    public int size() {
        return localEndpoints.length;
    }

    /** The context id. */
    public int context() {
        return context;
    }

    /** Whether an error in a call on this communicator ends the job ({@code MPI.ERRORS_ARE_FATAL}). */
    public boolean errorsAreFatal() {
        return errorsAreFatal;
    }

    /** Sets whether an error in a call on this communicator ends the job, or is thrown to the caller. */
    public void errorsAreFatal(boolean fatal) {
        errorsAreFatal = fatal;
    }

    /** Starts sending {@code buffer} to rank {@code destination} ({@code PROC_NULL} allowed). */
    public SendOperation send(MessageBuffer buffer, int destination, int tag, boolean synchronous) {
        if (destination == Ranks.PROC_NULL) {
            return SendOperation.completed();
        }
        return engine.send(buffer.payload(), buffer.elementCount(), remoteEndpoints[destination], context,
            rank, tag, synchronous);
    }

    /** Starts sending an already packed or copied payload (buffered mode) to {@code destination}. */
    public SendOperation sendPayload(Payload payload, int elements, int destination, int tag) {
        if (destination == Ranks.PROC_NULL) {
            return SendOperation.completed();
        }
        return engine.send(payload, elements, remoteEndpoints[destination], context, rank, tag, false);
    }

    /** Posts a receive into {@code buffer} from {@code source} (a rank, {@code ANY_SOURCE} or {@code PROC_NULL}). */
    public ReceiveOperation receive(MessageBuffer buffer, int source, int tag) {
        if (source == Ranks.PROC_NULL) {
            ReceiveOperation none = new ReceiveOperation(buffer, context, source, tag, Operation.ANY_PEER);
            none.matched(Ranks.PROC_NULL, Ranks.ANY_TAG);
            none.complete();
            return none;
        }
        int peer = source == Ranks.ANY_SOURCE ? Operation.ANY_PEER : remoteEndpoints[source];
        return engine.receive(buffer, context, source, tag, peer);
    }

    /** Cancels a receive that has not matched yet; returns whether it was cancelled. */
    public boolean cancel(ReceiveOperation receive) {
        return engine.cancel(receive);
    }

    /** The envelope of a matching waiting message, or {@code null} (non-blocking probe). */
    public ProbeResult probe(int source, int tag) {
        if (source == Ranks.PROC_NULL) {
            return new ProbeResult(Ranks.PROC_NULL, Ranks.ANY_TAG, 0, 0);
        }
        engine.checkJob();
        return engine.probe(context, source, tag);
    }

    /** Blocks until a matching message is waiting; returns its envelope. */
    public ProbeResult awaitProbe(int source, int tag) {
        if (source == Ranks.PROC_NULL) {
            return new ProbeResult(Ranks.PROC_NULL, Ranks.ANY_TAG, 0, 0);
        }
        int peer = source == Ranks.ANY_SOURCE ? Operation.ANY_PEER : remoteEndpoints[source];
        return engine.awaitProbe(context, source, tag, peer);
    }

    /** Throws the error an operation completed with, as an exception of the calling thread. */
    public static void rethrow(Operation operation) {
        MPIException error = operation.error();
        if (error != null) {
            throw new MPIException(error.getErrorClass(), error.getMessage(), error);
        }
    }
}
