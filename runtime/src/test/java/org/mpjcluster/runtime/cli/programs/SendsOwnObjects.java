package org.mpjcluster.runtime.cli.programs;

import java.io.Serializable;
import mpi.MPI;

/**
 * Rank 0 sends every other rank a {@link Parcel}, a class of the program's own, as
 * {@code MPI.OBJECT}; each receiver casts it to its own copy of {@code Parcel} and prints
 * {@code rank R received NOTE}. The cast fails unless the receiving rank's class loader decoded it.
 */
public final class SendsOwnObjects {

    private static final int TAG = 5;

    private SendsOwnObjects() {
    }

    /** A message class that only the program's class path has. */
    public static final class Parcel implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String note;

        Parcel(String note) {
            this.note = note;
        }

        String note() {
            return note;
        }
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        if (rank == 0) {
            for (int other = 1; other < MPI.COMM_WORLD.Size(); other++) {
                Object[] parcel = {new Parcel("parcel for rank " + other)};
                MPI.COMM_WORLD.Send(parcel, 0, 1, MPI.OBJECT, other, TAG);
            }
        } else {
            Object[] box = new Object[1];
            MPI.COMM_WORLD.Recv(box, 0, 1, MPI.OBJECT, 0, TAG);
            Parcel parcel = (Parcel) box[0];
            System.out.println("rank " + rank + " received " + parcel.note());
        }
        MPI.Finalize();
    }
}
