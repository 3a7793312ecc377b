package org.mpjcluster.mpi;

import mpi.Comm;
import mpi.MPI;
import mpi.Request;

/** The eight send calls of {@code Comm}, each sending a whole {@code int[]} on {@code COMM_WORLD}. */
enum SendMode {
    SEND((c, buf, dest, tag) -> {
        c.Send(buf, 0, buf.length, MPI.INT, dest, tag);
        return null;
    }),
    SSEND((c, buf, dest, tag) -> {
        c.Ssend(buf, 0, buf.length, MPI.INT, dest, tag);
        return null;
    }),
    BSEND((c, buf, dest, tag) -> {
        c.Bsend(buf, 0, buf.length, MPI.INT, dest, tag);
        return null;
    }),
    RSEND((c, buf, dest, tag) -> {
        c.Rsend(buf, 0, buf.length, MPI.INT, dest, tag);
        return null;
    }),
    ISEND((c, buf, dest, tag) -> c.Isend(buf, 0, buf.length, MPI.INT, dest, tag)),
    ISSEND((c, buf, dest, tag) -> c.Issend(buf, 0, buf.length, MPI.INT, dest, tag)),
    IBSEND((c, buf, dest, tag) -> c.Ibsend(buf, 0, buf.length, MPI.INT, dest, tag)),
    IRSEND((c, buf, dest, tag) -> c.Irsend(buf, 0, buf.length, MPI.INT, dest, tag));

    /** Starts one send; blocking modes return {@code null}. */
    @FunctionalInterface
    interface Starter {
        Request start(Comm comm, int[] buf, int dest, int tag);
    }

    private final Starter starter;

    SendMode(Starter starter) {
        this.starter = starter;
    }

    /** Sends {@code buf} in this mode; returns the request of a non-blocking mode, else {@code null}. */
    Request start(int[] buf, int dest, int tag) {
        return starter.start(MPI.COMM_WORLD, buf, dest, tag);
    }

    /** Attached buffer space enough for one buffered send of {@code ints} ints. */
    static byte[] bufferSpaceFor(int ints) {
        return new byte[ints * Integer.BYTES + MPI.BSEND_OVERHEAD];
    }
}
