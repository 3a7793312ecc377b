package org.mpjcluster.runtime.cli.programs;

import java.nio.file.Files;
import java.nio.file.Path;
import mpi.MPI;

/**
 * Every rank prints {@code rank R ready}; then rank 0 throws, while the others wait (outside MPI,
 * where the job's failure does not reach them) until the file named by the first argument exists,
 * print {@code rank R saw the file} and enter a barrier, which throws since the job has failed.
 */
public final class ThrowsOnRankZeroWhileOthersWaitForFile {

    private static final long POLL_MILLIS = 20;

    private ThrowsOnRankZeroWhileOthersWaitForFile() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        System.out.println("rank " + rank + " ready");
        if (rank == 0) {
            throw new IllegalStateException("rank 0 fails on purpose");
        }
        Path go = Path.of(args[0]);
        while (!Files.exists(go)) {
            Thread.sleep(POLL_MILLIS);
        }
        System.out.println("rank " + rank + " saw the file");
        MPI.COMM_WORLD.Barrier();
        MPI.Finalize();
    }
}
