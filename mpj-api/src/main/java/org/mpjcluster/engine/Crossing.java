package org.mpjcluster.engine;

/**
 * Where the ranks of a communicator that all live in this JVM show each other what they bring to
 * a collective call, and then all work at once, each reading the others' buffers directly. Unlike
 * the {@link Meeting}, where the last rank to arrive does the whole call alone, every rank does
 * its share: the choice when each rank has a core. One arrival of every rank replaces the rounds
 * of messages, and no data is copied into messages on the way.
 *
 * <p>Each rank counts its arrivals in a seat of its own, on cache lines no other rank writes, and
 * waits until every seat shows its count (spinning first, then backing off as any wait does; a
 * rank that arrives wakes the ranks that sleep). What a rank shows at arrival {@code n} stays
 * readable until its arrival {@code n + 2}: it makes that one only after every rank has arrived
 * at {@code n + 1}, that is, once every rank is done with arrival {@code n}. Collective calls on
 * a communicator happen in the same order on every rank, so all arrive in step.
 */
public final class Crossing {

    /** Polls of the seats a rank makes before it waits as any wait does (these poll no device). */
    private static final int QUICK_SPINS = 256;

    private final Seat[] seats;

    /** A crossing of {@code size} ranks. */
    Crossing(int size) {
        seats = new Seat[size];
        for (int rank = 0; rank < size; rank++) {
            seats[rank] = new Seat();
        }
    }

    /**
     * Arrives as rank {@code rank} of the calling {@code engine}, showing {@code part}, and returns
     * the number of this arrival once every rank has made it; {@link #shown} then gives what each
     * rank showed. Throws an {@code MPIException} if the job fails meanwhile.
     */
    public long arrive(Engine engine, int rank, Object part) {
        Seat mine = seats[rank];
        long arrival = mine.arrivals + 1;
        mine.show(arrival, part, engine);
        for (Seat seat : seats) {
            if (seat != mine) {
                seat.wake();
            }
        }
        int spins = engine.settings().spinNanos() == 0 ? 0 : QUICK_SPINS;
        for (int i = 0; i < spins; i++) {
            if (allAt(arrival)) {
                return arrival;
            }
            Thread.onSpinWait();
        }
        engine.awaitUntil(() -> allAt(arrival));
        return arrival;
    }

    /** What rank {@code rank} showed at arrival {@code arrival}, which every rank has made. */
    public Object shown(long arrival, int rank) {
        return seats[rank].shown(arrival);
    }

    private boolean allAt(long arrival) {
        for (Seat seat : seats) {
            if (seat.arrivals < arrival) {
                return false;
            }
        }
        return true;
    }

    /** Padding before a seat's fields, so that no other object's fields share their cache line. */
    @SuppressWarnings("unused")
    private static class SeatPadding {
        private long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    /** The fields of a seat: written by its rank only, read by every rank. */
    private static class SeatFields extends SeatPadding {
        /** Arrivals the rank has made; written last, after what it shows. */
        volatile long arrivals;
        Object shownEven;
        Object shownOdd;
        /** The rank's engine, to wake it; volatile, so that a rank that sleeps is always seen with it. */
        volatile Engine engine;
    }

    /** One rank's seat, with padding after its fields too (the JVM lays out a superclass's fields first). */
    @SuppressWarnings("unused")
    private static final class Seat extends SeatFields {
        private long p11, p12, p13, p14, p15, p16, p17, p18;

        void show(long arrival, Object part, Engine by) {
            if ((arrival & 1) == 0) {
                shownEven = part;
            } else {
                shownOdd = part;
            }
            if (engine != by) {
                engine = by;
            }
            arrivals = arrival;
        }

        Object shown(long arrival) {
            return (arrival & 1) == 0 ? shownEven : shownOdd;
        }

        /** Wakes the seat's rank if it sleeps in a wait. */
        void wake() {
            Engine sleeping = engine;
            if (sleeping != null) {
                sleeping.wake();
            }
        }
    }
}
