package org.mpjcluster.runtime.cli.programs;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import mpi.MPI;

/**
 * Every rank reads {@code System.in} to its end and prints
 * {@code rank R read B bytes, L lines, sha256 H}: what it read, for the test to compare with what
 * {@code mpjrun} was given.
 */
public final class ReadsStandardInput {

    private ReadsStandardInput() {
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        InputStream in = System.in;
        byte[] buffer = new byte[8192];
        long bytes = 0;
        long lines = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            sha256.update(buffer, 0, read);
            bytes += read;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " read " + bytes + " bytes, " + lines + " lines, sha256 "
            + HexFormat.of().formatHex(sha256.digest()));
        MPI.Finalize();
    }
}
