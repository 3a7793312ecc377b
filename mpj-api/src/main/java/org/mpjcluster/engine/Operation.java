package org.mpjcluster.engine;

import java.util.concurrent.locks.LockSupport;
import mpi.MPIException;

/**
 * A started point-to-point operation: what an MPI request refers to. Completed once, by whichever
 * thread finishes it (the owner, a sender delivering into it, or a device); waiters poll
 * {@link #isDone()} and are unparked on completion.
 */
public abstract sealed class Operation permits SendOperation, ReceiveOperation {

    /** No particular peer: the operation waits on any endpoint. */
    static final int ANY_PEER = -1;

    private final int peerEndpoint;
    private volatile boolean done;
    private volatile Thread waiter;
    private MPIException error;
    private Runnable whenDone;

    Operation(int peerEndpoint) {
        this.peerEndpoint = peerEndpoint;
    }

    /** Endpoint whose loss would leave this operation unfinished, or {@link #ANY_PEER}. */
    final int peerEndpoint() {
        return peerEndpoint;
    }

    /** Whether the operation has completed, successfully or not. */
    public final boolean isDone() {
        return done;
    }

    /** The error it completed with, or {@code null}. Valid once {@link #isDone()}. */
    public final MPIException error() {
        return error;
    }

    /** Runs {@code action} on completion (on the completing thread), or now if already done. */
    public final void whenDone(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = done;
            if (!runNow) {
                whenDone = action;
            }
        }
        if (runNow) {
            action.run();
        }
    }

    final void complete() {
        Runnable action;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            action = whenDone;
        }
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        if (action != null) {
            action.run();
        }
    }

    final void fail(MPIException cause) {
        synchronized (this) {
            if (done) {
                return;
            }
            error = cause;
        }
        complete();
    }

    /** Parks the calling thread for at most {@code nanos}, or until completion. */
    final void park(long nanos) {
        waiter = Thread.currentThread();
        if (!done) {
            LockSupport.parkNanos(this, nanos);
        }
        waiter = null;
    }

    /** Registers the calling thread to be unparked on completion (for waits on several). */
    final void watch(Thread thread) {
        waiter = thread;
    }
}
