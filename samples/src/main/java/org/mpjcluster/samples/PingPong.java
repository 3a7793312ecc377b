package org.mpjcluster.samples;

import java.util.Locale;
import mpi.MPI;

/**
 * Ranks 0 and 1 bounce a message back and forth and rank 0 prints the one-way time per message
 * size. Arguments: number of round trips per size (default 1000). Needs at least 2 ranks; others
 * idle.
 */
public final class PingPong {

    private static final int TAG = 3;
    private static final int[] SIZES = {1, 1024, 64 * 1024, 1024 * 1024};

    private PingPong() {
    }

    /** Runs the sample. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        if (MPI.COMM_WORLD.Size() < 2) {
            if (rank == 0) {
                System.err.println("PingPong needs at least 2 ranks");
            }
            MPI.Finalize();
            return;
        }
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (int size : SIZES) {
            byte[] message = new byte[size];
            double start = MPI.Wtime();
            for (int i = 0; i < trips; i++) {
                if (rank == 0) {
                    MPI.COMM_WORLD.Send(message, 0, size, MPI.BYTE, 1, TAG);
                    MPI.COMM_WORLD.Recv(message, 0, size, MPI.BYTE, 1, TAG);
                } else if (rank == 1) {
                    MPI.COMM_WORLD.Recv(message, 0, size, MPI.BYTE, 0, TAG);
                    MPI.COMM_WORLD.Send(message, 0, size, MPI.BYTE, 0, TAG);
                }
            }
            double oneWayMicros = (MPI.Wtime() - start) / trips / 2 * 1e6;
            if (rank == 0) {
                System.out.printf(Locale.ROOT, "PingPong %8d bytes: %9.2f us one way, %8.1f MB/s%n",
                    size, oneWayMicros, size / oneWayMicros);
            }
        }
        MPI.Finalize();
    }
}
