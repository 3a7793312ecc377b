package org.mpjcluster.runtime.cli.programs;

import java.nio.file.Files;
import java.nio.file.Path;
import mpi.MPI;

/**
 * Every rank prints {@code rank R env=VALUE file=CONTENT property=VALUE dir=DIRECTORY}: the
 * environment variable named by the first argument, the content of the file named by the second
 * (relative to the working directory), the system property named by the third, and the working
 * directory.
 */
public final class DescribesItsSurroundings {

    private DescribesItsSurroundings() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        Path file = Path.of(args[1]);
        String content = Files.exists(file) ? Files.readString(file).strip() : "(missing)";
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " env=" + System.getenv(args[0]) + " file=" + content
            + " property=" + System.getProperty(args[2]) + " dir=" + Path.of("").toAbsolutePath());
        MPI.Finalize();
    }
}
