package org.mpjcluster.runtime.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file to give {@code mpjrun} as standard input, and what
 * {@link org.mpjcluster.runtime.cli.programs.ReadsStandardInput} prints when rank 0 reads all of
 * it and the other ranks read end-of-file.
 *
 * @param file   the file
 * @param bytes  its size
 * @param lines  its number of lines
 * @param sha256 the SHA-256 of its content, in hex
 */
record StandardInput(Path file, long bytes, long lines, String sha256) {

    /** No input at all, as from {@code /dev/null}. */
    static final StandardInput EMPTY = new StandardInput(Path.of("/dev/null"), 0, 0, sha256(new byte[0]));

    /** Writes numbered lines of text to {@code file} until it holds at least {@code size} bytes. */
    static StandardInput write(Path file, long size) throws IOException {
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long written = 0; written < size; lines++) {
                String line = "line " + lines + " of the standard input, \u00e9t\u00e9 \u2014 " + (lines * 7919 % 10007) + "\n";
                out.write(line);
                written += line.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return new StandardInput(file, Files.size(file), lines, sha256(Files.readAllBytes(file)));
    }

    /** The lines {@code ReadsStandardInput} prints on {@code ranks} ranks, sorted. */
    List<String> readBy(int ranks) {
        List<String> expected = new ArrayList<>();
        expected.add("rank 0 read " + bytes + " bytes, " + lines + " lines, sha256 " + sha256);
        for (int rank = 1; rank < ranks; rank++) {
            expected.add("rank " + rank + " read 0 bytes, 0 lines, sha256 " + sha256(new byte[0]));
        }
        return expected.stream().sorted().toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
