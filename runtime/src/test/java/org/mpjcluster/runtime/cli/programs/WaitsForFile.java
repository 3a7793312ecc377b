package org.mpjcluster.runtime.cli.programs;

import java.nio.file.Files;
import java.nio.file.Path;
import mpi.MPI;

/**
 * Every rank prints {@code rank R ready}, waits (outside MPI) until the file named by the first
 * argument exists, meets the others in a barrier and prints {@code rank R done}. If the file never
 * appears it waits forever: the test ends it.
 */
public final class WaitsForFile {

    private static final long POLL_MILLIS = 20;

    private WaitsForFile() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        System.out.println("rank " + rank + " ready");
        Path go = Path.of(args[0]);
        while (!Files.exists(go)) {
            Thread.sleep(POLL_MILLIS);
        }
        MPI.COMM_WORLD.Barrier();
        System.out.println("rank " + rank + " done");
        MPI.Finalize();
    }
}
