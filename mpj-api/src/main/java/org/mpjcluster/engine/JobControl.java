package org.mpjcluster.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The shared fate of the ranks of one job in this JVM: the first failure ends the job, every
 * waiting MPI call sees it within one park period and throws, and listeners (the launcher) react.
 */
public final class JobControl {

    private volatile JobFailure failure;
    private final List<Consumer<JobFailure>> listeners = new CopyOnWriteArrayList<>();
    /**
     * The meetings of the communicators whose ranks all live in this JVM, by context and members:
     * groups with no member in common may agree on the same context id.
     */
    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    /** The crossings of the same communicators, kept the same way. */
    private final Map<String, Crossing> crossings = new ConcurrentHashMap<>();

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

    /**
     * The meeting of the communicator with context {@code context} and the ranks at
     * {@code endpoints}, the same object for each of its ranks in this JVM.
     */
    Meeting meeting(int context, int[] endpoints) {
        return meetings.computeIfAbsent(context + " " + Arrays.toString(endpoints), key -> new Meeting(endpoints.length));
    }

    /**
     * The crossing of the communicator with context {@code context} and the ranks at
     * {@code endpoints}, the same object for each of its ranks in this JVM.
     */
    Crossing crossing(int context, int[] endpoints) {
        return crossings.computeIfAbsent(context + " " + Arrays.toString(endpoints), key -> new Crossing(endpoints.length));
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
