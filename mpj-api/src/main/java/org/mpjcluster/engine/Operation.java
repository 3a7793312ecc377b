package org.mpjcluster.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import mpi.MPIException;

/**
 * A started point-to-point operation: what an MPI request refers to. Completed once, by whichever
 * thread of the owning rank delivers the frame that finishes it; waiters poll {@link #isDone()}
 * and are unparked on completion.
 */
public abstract sealed class Operation permits SendOperation, ReceiveOperation, Meeting.Arrival {

    /** No particular peer: the operation waits on any endpoint. */
    static final int ANY_PEER = -1;

    private static final Object DONE = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Operation.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int peerEndpoint;
    private volatile MPIException error;
    /** {@code null} while pending, a {@link Runnable} to run on completion, or the done marker. */
    private volatile Object state;
    /** The thread parked waiting for completion, if any. */
    private volatile Thread waiter;

    Operation(int peerEndpoint) {
        this.peerEndpoint = peerEndpoint;
    }

    /** Endpoint whose loss would leave this operation unfinished, or {@link #ANY_PEER}. */
    final int peerEndpoint() {
        return peerEndpoint;
    }

    /** Whether the operation has completed, successfully or not. */
    public final boolean isDone() {
        return state == DONE;
    }

    /** The error it completed with, or {@code null}. Valid once {@link #isDone()}. */
    public final MPIException error() {
        return error;
    }

    /** Runs {@code action} on completion (on the completing thread), or now if already done. */
    public final void whenDone(Runnable action) {
        if (!STATE.compareAndSet(this, null, action)) {
            action.run();
        }
    }

    final void complete() {
        Object previous = STATE.getAndSet(this, DONE);
        if (previous == DONE) {
            return;
        }
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        if (previous instanceof Runnable action) {
            action.run();
        }
    }

    final void fail(MPIException cause) {
        if (!isDone()) {
            error = cause;
            complete();
        }
    }

    /** Parks the calling thread for at most {@code nanos}, or until completion. */
    final void park(long nanos) {
        waiter = Thread.currentThread();
        if (!isDone()) {
            LockSupport.parkNanos(this, nanos);
        }
        waiter = null;
    }

    /** Registers {@code thread} (or {@code null} to clear) to be unparked on completion. */
    final void watch(Thread thread) {
        waiter = thread;
    }
}
