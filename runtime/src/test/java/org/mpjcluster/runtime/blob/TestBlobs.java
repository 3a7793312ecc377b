package org.mpjcluster.runtime.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Contents for blob tests: reproducible random bytes and their ids. */
final class TestBlobs {

    private TestBlobs() {
    }

    /** {@code size} random bytes, the same for the same {@code seed}. */
    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The id of {@code bytes}, computed independently of {@link BlobId#of}. */
    static BlobId idOf(byte[] bytes) {
        try {
            return BlobId.parse(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code bytes} in {@code cache} under their id, which it returns. */
    static BlobId put(BlobCache cache, byte[] bytes) {
        BlobId id = idOf(bytes);
        try {
            cache.put(id, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
