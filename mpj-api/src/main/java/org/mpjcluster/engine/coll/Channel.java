package org.mpjcluster.engine.coll;

import java.util.ArrayList;
import java.util.List;
import mpi.MPIException;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Engine;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.Operation;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * The messages of one collective call: sent and received on the communicator's collective context
 * with the tag of the call, so they never match point-to-point traffic or another kind of
 * collective. A receive that does not fit (truncated, or of another kind) does not stop the call,
 * which goes on so that its peers are not left waiting; the error is raised when the call ends.
 * Every error names the call. While {@link CollectiveCounts} are taken, calls open a
 * {@link CountingChannel} instead, so that counting costs nothing when it is off.
 */
sealed class Channel permits CountingChannel {

    private final String call;
    private final Communicator communicator;
    private final Engine engine;
    private final int tag;
    /** The calling rank. */
    final int rank;
    /** Number of ranks. */
    final int size;
    private final List<Operation> pending = new ArrayList<>();
    private MPIException deferred;

    Channel(String call, Communicator communicator, int tag) {
        this.call = call;
        this.communicator = communicator.collective();
        this.engine = communicator.engine();
        this.tag = tag;
        this.rank = communicator.rank();
        this.size = communicator.size();
    }

    /** The channel of one call of the collective with tag {@code tag} on {@code communicator}. */
    static Channel open(String call, Communicator communicator, int tag) {
        CollectiveCounts counts = CollectiveCounts.taking();
        return counts == null ? new Channel(call, communicator, tag)
            : new CountingChannel(call, communicator, tag, counts);
    }

    /** The tag of the call's messages. */
    final int tag() {
        return tag;
    }

    /** The context the call's messages travel in. */
    final int context() {
        return communicator.context();
    }

    /** The name of the call, for messages. */
    String call() {
        return call;
    }

    /** Starts sending {@code buffer} to {@code destination}; {@link #awaitAll} waits for it. */
    void send(MessageBuffer buffer, int destination) {
        pending.add(communicator.send(buffer, destination, tag, false));
    }

    /** Starts sending a payload made once for several destinations. */
    void send(Payload payload, int elements, int destination) {
        pending.add(communicator.sendPayload(payload, elements, destination, tag));
    }

    /** Posts a receive into {@code buffer} from {@code source}; {@link #awaitAll} waits for it. */
    void receive(MessageBuffer buffer, int source) {
        pending.add(communicator.receive(buffer, source, tag));
    }

    /** Waits for every send and receive started since the last wait. */
    void awaitAll() {
        for (Operation operation : pending) {
            await(operation);
        }
        pending.clear();
    }

    /** Sends {@code buffer} to {@code destination} and waits until it is delivered. */
    void sendNow(MessageBuffer buffer, int destination) {
        send(buffer, destination);
        awaitAll();
    }

    /** Receives into {@code buffer} from {@code source}, waiting for the message. */
    void receiveNow(MessageBuffer buffer, int source) {
        receive(buffer, source);
        awaitAll();
    }

    /** Sends {@code outgoing} to {@code destination} while receiving {@code incoming} from {@code source}. */
    void exchange(MessageBuffer outgoing, int destination, MessageBuffer incoming, int source) {
        receive(incoming, source);
        send(outgoing, destination);
        awaitAll();
    }

    /**
     * Copies this rank's own data, as a message to itself would, except that objects are copied by
     * reference rather than serialized.
     */
    void copy(MessageBuffer from, MessageBuffer to) {
        int excess = Items.copy(from, to);
        if (excess > 0) {
            defer(new MPIException(ErrorClass.TRUNCATE, "the calling rank's own " + from.elementCount()
                + " elements do not fit the " + to.elementCount() + " it receives; only the first "
                + to.elementCount() + " were stored"));
        }
    }

    /** Ends the call: raises the first receive error it went on past. */
    void finish() {
        if (deferred != null) {
            throw new MPIException(deferred.getErrorClass(), call + ": " + deferred.getMessage()
                + " (counts and datatypes must agree on every rank)", deferred);
        }
    }

    private void await(Operation operation) {
        try {
            if (!operation.isDone()) {
                engine.await(operation);
            }
        } catch (MPIException e) {
            throw new MPIException(e.getErrorClass(), call + ": " + e.getMessage(), e);
        }
        MPIException error = operation.error();
        if (error == null) {
            return;
        }
        if (error.getErrorClass() == ErrorClass.TRUNCATE || error.getErrorClass() == ErrorClass.TYPE) {
            defer(error);
            return;
        }
        throw new MPIException(error.getErrorClass(), call + ": " + error.getMessage(), error);
    }

    private void defer(MPIException error) {
        if (deferred == null) {
            deferred = error;
        }
    }
}
