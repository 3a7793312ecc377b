package org.mpjcluster.engine;

import java.util.stream.IntStream;
import mpi.MPIException;

/**
 * One MPI process (rank) as the {@code mpi} API sees it: its engine, its world and self
 * communicators, its lifecycle state and its buffered-send space.
 */
public final class MpiProcess {

    private static final int WORLD_CONTEXT = 0;
    private static final int SELF_CONTEXT = 2;

    private final Engine engine;
    private final Communicator world;
    private final Communicator self;
    private final ClassLoader classLoader;
    private volatile boolean initialized;
    private volatile boolean finalized;
    private final Object bufferLock = new Object();
    private Object attachedBuffer;
    private long attachedBytes;
    private long bufferedBytes;
    private int pendingBufferedSends;

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

    /** Waits for buffered sends to finish, then detaches and returns the buffer (or {@code null}). */
    public Object detachBuffer() {
        synchronized (bufferLock) {
            while (pendingBufferedSends > 0) {
                try {
                    bufferLock.wait(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MPIException(ErrorClass.OTHER, "Buffer_detach: interrupted while buffered sends drain");
                }
                engine.checkJob();
            }
            Object buffer = attachedBuffer;
            attachedBuffer = null;
            attachedBytes = 0;
            return buffer;
        }
    }

    /**
     * Reserves {@code bytes} of the attached buffer for a buffered send and returns a task that
     * releases them; throws {@code ERR_BUFFER} if the space is missing.
     */
    public Runnable reserveBuffered(String call, long bytes) {
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
            pendingBufferedSends++;
        }
        return () -> {
            synchronized (bufferLock) {
                bufferedBytes -= bytes;
                pendingBufferedSends--;
                bufferLock.notifyAll();
            }
        };
    }
}
