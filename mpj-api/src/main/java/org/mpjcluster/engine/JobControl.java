package org.mpjcluster.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The shared fate of the ranks of one job in this JVM: the first failure ends the job, every
 * waiting MPI call sees it within one park period and throws, and listeners (the launcher) react.
 */
public final class JobControl {

    private volatile JobFailure failure;
    private final List<Consumer<JobFailure>> listeners = new CopyOnWriteArrayList<>();

    /** The failure that ended the job, or {@code null} while it runs. */
    public JobFailure failure() {
        return failure;
    }

    /** Records {@code cause} as the job's failure if it is the first; returns whether it was. */
    public boolean abort(JobFailure cause) {
        synchronized (this) {
            if (failure != null) {
                return false;
            }
            failure = cause;
        }
        listeners.forEach(listener -> listener.accept(cause));
        return true;
    }

    /** Calls {@code listener} when the job fails (at once if it already has). */
    public void onFailure(Consumer<JobFailure> listener) {
        listeners.add(listener);
        JobFailure existing = failure;
        if (existing != null) {
            listener.accept(existing);
        }
    }
}
