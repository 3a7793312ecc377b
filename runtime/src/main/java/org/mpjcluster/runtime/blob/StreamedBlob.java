package org.mpjcluster.runtime.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.stream.IOResult;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Stores a blob that arrives as a Pekko stream (an upload, a transfer from a peer): writes it to
 * an incoming file of the cache, checks its size (when known) and SHA-256 and commits it; however
 * it ends (a wrong hash, a broken stream), nothing uncommitted stays in the cache's directory.
 */
public final class StreamedBlob {

    /** Stands for a size not known in advance. */
    public static final long ANY_SIZE = -1;

    private StreamedBlob() {
    }

    /**
     * Stores {@code content} as blob {@code id} in {@code cache}; hashing and moving run on
     * {@code blocking}. The stage fails if the content is not {@code expectedBytes} long (unless
     * {@link #ANY_SIZE}) or has another SHA-256.
     */
    public static CompletionStage<Path> store(BlobCache cache, BlobId id, Source<ByteString, ?> content,
                                              long expectedBytes, Materializer materializer, Executor blocking) {
        IncomingBlob incoming;
        try {
            incoming = cache.receive(id);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return content.runWith(FileIO.toPath(incoming.file()), materializer)
            .thenApplyAsync(written -> commit(incoming, expectedBytes, written), blocking)
            .whenCompleteAsync((stored, failure) -> discard(incoming), blocking);
    }

    private static Path commit(IncomingBlob incoming, long expectedBytes, IOResult written) {
        if (expectedBytes != ANY_SIZE && written.count() != expectedBytes) {
            throw new IllegalStateException("received " + written.count() + " bytes of the " + expectedBytes
                + " offered");
        }
        try {
            return incoming.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the incoming file unless it was committed. */
    private static void discard(IncomingBlob incoming) {
        try {
            incoming.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
