package org.mpjcluster.engine;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mpi.MPIException;

/**
 * Where the ranks of a communicator that all live in this JVM meet for a small collective call.
 * Each rank arrives with what it brings (its buffers); the last to arrive does the whole call's
 * work at once, reading and writing the others' buffers directly, and then releases them. That is
 * one synchronization instead of the {@code log2 p} rounds of messages of the message-passing
 * algorithms, each of which needs its ranks scheduled, which is what counts when ranks outnumber
 * cores. Collective calls on one communicator happen one at a time and in the same order on every
 * rank, as MPI requires, so one meeting serves them all in turn: the last rank clears it before it
 * releases anyone, and no rank can arrive for the next call before it is released.
 */
public final class Meeting {

    private final int size;
    private final Object[] brought;
    private final Arrival[] waiting;
    private final AtomicInteger arrived = new AtomicInteger();

    /** A meeting of {@code size} ranks. */
    Meeting(int size) {
        this.size = size;
        this.brought = new Object[size];
        this.waiting = new Arrival[size];
    }

    /** A rank's wait at the meeting: done when the last rank has done the call's work. */
    static final class Arrival extends Operation {

        Arrival() {
            super(ANY_PEER);
        }
    }

    /**
     * Arrives as rank {@code rank}, bringing {@code part}, and returns once every rank has arrived
     * and the last has run {@code work} over what each brought (listed by rank). If {@code work}
     * throws, every rank throws: the last what it threw, the others an {@code MPIException} with
     * its message. Waiting ends with an {@code MPIException} if the job fails meanwhile.
     */
    @SuppressWarnings("unchecked")
    public <T> void attend(Engine engine, int rank, T part, Consumer<List<T>> work) {
        brought[rank] = part;
        Arrival arrival = new Arrival();
        waiting[rank] = arrival;
        if (arrived.incrementAndGet() < size) {
            engine.await(arrival);
            Communicator.rethrow(arrival);
            return;
        }
        RuntimeException failure = null;
        try {
            work.accept((List<T>) Arrays.asList(brought));
        } catch (RuntimeException e) {
            failure = e;
        }
        Arrival[] released = waiting.clone();
        Arrays.fill(brought, null);
        Arrays.fill(waiting, null);
        arrived.set(0);
        for (Arrival other : released) {
            if (other == arrival) {
                continue;
            }
            if (failure == null) {
                other.complete();
            } else {
                other.fail(failure instanceof MPIException e ? e : new MPIException(ErrorClass.OTHER,
                    "the rank that combined the call's data failed: " + failure));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
