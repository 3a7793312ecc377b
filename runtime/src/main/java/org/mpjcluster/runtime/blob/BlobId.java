package org.mpjcluster.runtime.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The content address of a job file: the SHA-256 of its bytes, as 64 lowercase hex digits. Ids
 * arrive from other peers and name files in the cache, so only that exact form is accepted: an
 * id can never be a path such as {@code ../x}.
 *
 * @param hex the 64 lowercase hex digits
 */
public record BlobId(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    /** Refuses anything but 64 lowercase hex digits, including when Jackson builds an id from a message. */
    public BlobId {
        if (hex == null || !SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a blob id is the SHA-256 of a file as 64 lowercase hex digits, not "
                + quote(hex));
        }
    }

    /**
     * Reads an id from its text form.
     *
     * @throws IllegalArgumentException if {@code text} is not 64 lowercase hex digits
     */
    public static BlobId parse(String text) {
        return new BlobId(text);
    }

    /** Computes the id of {@code file}, reading it in chunks (the file may be larger than the heap). */
    public static BlobId of(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return new BlobId(HexFormat.of().formatHex(digest.digest()));
    }

    /** The hex digits, so that an id prints as it is written. */
    @Override
    public String toString() {
        return hex;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        // The text may be anything a peer sent: keep the message short.
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown + "\"";
    }
}
