package org.mpjcluster.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import mpi.MPIException;

/**
 * One MPI process (rank) as the {@code mpi} API sees it: its engine, its world and self
 * communicators, its lifecycle state and its buffered-send space.
 */
public final class MpiProcess {

    private static final int WORLD_CONTEXT = 0;
    private static final int SELF_CONTEXT = 2;
    private static final int FIRST_FREE_CONTEXT = 4;

    private final Engine engine;
    private final Communicator world;
    private final Communicator self;
    private final ClassLoader classLoader;
    private final AtomicInteger nextContext = new AtomicInteger(FIRST_FREE_CONTEXT);
    private volatile boolean initialized;
    private volatile boolean finalized;
    private final Object bufferLock = new Object();
    private Object attachedBuffer;
    private long attachedBytes;
    private long bufferedBytes;
    /** Buffered sends in flight and the buffer space each holds. */
    private final Map<SendOperation, Long> bufferedSends = new IdentityHashMap<>();

    /** Wraps {@code engine}; the world communicator spans every endpoint in order. */
    public MpiProcess(Engine engine, ClassLoader classLoader) {
        this.engine = engine;
        this.classLoader = classLoader;
        int[] all = IntStream.range(0, engine.endpointCount()).toArray();
        this.world = new Communicator(engine, WORLD_CONTEXT, all, engine.endpoint());
        this.self = new Communicator(engine, SELF_CONTEXT, new int[] {engine.endpoint()}, 0);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** {@code MPI.COMM_WORLD} of this process. */
    public Communicator world() {
        return world;
    }

    /** {@code MPI.COMM_SELF} of this process. */
    public Communicator self() {
        return self;
    }

    /** The lowest context id this process has not used (contexts come in pairs: point-to-point, collective). */
    public int nextFreeContext() {
        return nextContext.get();
    }

    /** Records that contexts up to {@code context + 1} are in use by a new communicator. */
    public void contextTaken(int context) {
        nextContext.accumulateAndGet(context + 2, Math::max);
    }

    /** The rank's class loader. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Whether {@code MPI.Init} has been called (or the launcher initialized the rank). */
    public boolean isInitialized() {
        return initialized;
    }

    /** Whether {@code MPI.Finalize} has been called. */
    public boolean isFinalized() {
        return finalized;
    }

    /** Marks the process initialized. */
    public void initialize() {
        initialized = true;
    }

    /** Marks the process finalized, after buffered sends have drained. */
    public void finalizeProcess() {
        detachBuffer();
        finalized = true;
    }

    /** Throws unless the process is between {@code Init} and {@code Finalize}. */
    public void checkActive(String call) {
        if (!initialized) {
            throw new MPIException(ErrorClass.OTHER, call + ": MPI.Init has not been called");
        }
        if (finalized) {
            throw new MPIException(ErrorClass.OTHER, call + ": MPI.Finalize has already been called");
        }
    }

    /** Attaches {@code buffer} of {@code bytes} bytes as buffered-send space. */
    public void attachBuffer(Object buffer, long bytes) {
        synchronized (bufferLock) {
            if (attachedBuffer != null) {
                throw new MPIException(ErrorClass.BUFFER, "Buffer_attach: a buffer is already attached; detach it first");
            }
            attachedBuffer = buffer;
            attachedBytes = bytes;
        }
    }

    /**
     * Waits until every buffered send has been delivered, then detaches and returns the buffer
     * ({@code null} if none was attached).
     *
     * @throws MPIException {@code ERR_PROC_FAILED} if a buffered send could not be delivered
     *         because its destination is gone (the buffer is detached all the same)
     */
    public Object detachBuffer() {
        List<SendOperation> sends;
        synchronized (bufferLock) {
            sends = new ArrayList<>(bufferedSends.keySet());
        }
        MPIException undelivered = null;
        for (SendOperation send : sends) {
            engine.await(send);
            release(send);
            if (send.error() != null && undelivered == null) {
                undelivered = new MPIException(ErrorClass.PROC_FAILED,
                    "Buffer_detach: a buffered send was not delivered: " + send.error().getMessage());
            }
        }
        Object buffer;
        synchronized (bufferLock) {
            buffer = attachedBuffer;
            attachedBuffer = null;
            attachedBytes = 0;
        }
        if (undelivered != null) {
            throw undelivered;
        }
        return buffer;
    }

    /**
     * Starts a buffered send of {@code bytes} bytes of buffer space: reserves the space (or throws
     * {@code ERR_BUFFER} naming {@code call}), starts the send, and releases the space when the
     * send completes.
     */
    public void startBuffered(String call, long bytes, Supplier<SendOperation> start) {
        synchronized (bufferLock) {
            if (attachedBuffer == null) {
                throw new MPIException(ErrorClass.BUFFER, call + ": no buffer attached; call MPI.Buffer_attach first");
            }
            if (bufferedBytes + bytes > attachedBytes) {
                throw new MPIException(ErrorClass.BUFFER, call + ": the message needs " + bytes
                    + " bytes of buffer space, but only " + (attachedBytes - bufferedBytes) + " of the "
                    + attachedBytes + " attached bytes are free");
            }
            bufferedBytes += bytes;
        }
        SendOperation send;
        try {
            send = start.get();
        } catch (RuntimeException e) {
            synchronized (bufferLock) {
                bufferedBytes -= bytes;
            }
            throw e;
        }
        synchronized (bufferLock) {
            if (send.isDone()) {
                bufferedBytes -= bytes;
                return;
            }
            bufferedSends.put(send, bytes);
        }
        send.whenDone(() -> release(send));
    }

    /** Gives back the space of a completed buffered send; the first call for a send counts, later ones do nothing. */
    private void release(SendOperation send) {
        synchronized (bufferLock) {
            Long bytes = bufferedSends.remove(send);
            if (bytes != null) {
                bufferedBytes -= bytes;
            }
        }
    }
}
