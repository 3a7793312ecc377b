package org.mpjcluster.runtime.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blob being received into a {@link BlobCache}: a temporary file in the cache's directory that
 * becomes the blob on {@link #commit()}, once its content matches the expected id.
 */
public final class IncomingBlob implements AutoCloseable {

    private final BlobCache cache;
    private final BlobId expected;
    private final Path file;
    private boolean committed;

    IncomingBlob(BlobCache cache, BlobId expected, Path file) {
        this.cache = cache;
        this.expected = expected;
        this.file = file;
    }

    /** The blob this should become. */
    public BlobId id() {
        return expected;
    }

    /** The temporary file to write the content to (it exists, empty). */
    public Path file() {
        return file;
    }

    /**
     * Verifies the content written and moves it into the cache.
     *
     * @return the file of the blob in the cache
     * @throws IOException if the content's SHA-256 is not the expected id (the file is deleted)
     *                     or the move fails
     */
    public Path commit() throws IOException {
        Path blob = cache.commit(expected, file);
        committed = true;
        return blob;
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(file);
        }
    }
}
