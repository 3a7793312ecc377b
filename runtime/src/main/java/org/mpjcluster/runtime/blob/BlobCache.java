package org.mpjcluster.runtime.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.UUID;
import org.mpjcluster.runtime.node.NodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job files a peer holds, one file per blob named by its id, in a directory bounded in size.
 * A blob enters only through a temporary file in the same directory, verified against its id and
 * then renamed into place, so a reader never sees a partial or wrong blob. When the total
 * exceeds the limit the least recently used blobs are deleted, except those a running job has
 * {@linkplain #pin pinned}; a blob larger than the whole limit is still kept (with a warning)
 * rather than failing its job. Each blob's last use is its file's modification time, so the
 * order of eviction survives a restart. Safe for concurrent use by the threads of one JVM.
 */
public final class BlobCache {

    /** Start of the name of a blob being received; the pid of the receiving process follows. */
    static final String INCOMING_PREFIX = ".incoming-";

    private static final Logger LOG = LoggerFactory.getLogger(BlobCache.class);

    private final Path dir;
    private final CacheIndex index;
    private long lastUseMillis;

    private BlobCache(Path dir, CacheIndex index) {
        this.dir = dir;
        this.index = index;
    }

    /**
     * Opens the cache in {@code dir} (created if needed) holding up to {@code maxBytes}: indexes the
     * blobs there by their last use, deletes what dead processes left half received, and evicts
     * down to the limit.
     */
    public static BlobCache open(Path dir, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a blob cache must be allowed a positive size, not " + maxBytes);
        }
        Files.createDirectories(dir);
        BlobCache cache = new BlobCache(dir, new CacheIndex(maxBytes));
        cache.scan();
        return cache;
    }

    /** Opens the cache a peer's settings describe ({@code mpj.node.cache}). */
    public static BlobCache open(NodeSettings settings) throws IOException {
        return open(settings.cacheDir(), settings.cacheMaxSize());
    }

    /** The directory of the cache. */
    public Path dir() {
        return dir;
    }

    /** The bytes the cached blobs take now; above the limit only while pinned blobs hold it. */
    public synchronized long totalBytes() {
        return index.totalBytes();
    }

    /** The file of blob {@code id} if the cache holds it; counts as a use. */
    public synchronized Optional<Path> find(BlobId id) {
        if (!locate(id)) {
            return Optional.empty();
        }
        try {
            touch(id);
            return Optional.of(pathOf(id));
        } catch (NoSuchFileException e) {
            index.remove(id);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the use of blob " + id + " in " + dir, e);
        }
    }

    /**
     * Holds blob {@code id} in the cache until the returned pin is closed, so that eviction leaves
     * it alone while a job uses it; empty if the cache does not hold it. Counts as a use.
     */
    public synchronized Optional<Pin> pin(BlobId id) {
        Optional<Path> path = find(id);
        path.ifPresent(found -> index.pin(id));
        return path.map(found -> new Pin(id, found));
    }

    /**
     * Stores blob {@code expected} from {@code content}, unless the cache holds it already (then
     * {@code content} is not read).
     *
     * @return the file of the blob
     * @throws IOException if reading or writing fails, or if the content's SHA-256 is not
     *                     {@code expected}; nothing is cached then
     */
    public Path put(BlobId expected, InputStream content) throws IOException {
        Optional<Path> cached = find(expected);
        if (cached.isPresent()) {
            return cached.get();
        }
        try (IncomingBlob incoming = receive(expected)) {
            Files.copy(content, incoming.file(), StandardCopyOption.REPLACE_EXISTING);
            return incoming.commit();
        }
    }

    /**
     * Starts receiving blob {@code expected} by any means that writes a file (a stream, a
     * download): write its content to {@link IncomingBlob#file()}, then
     * {@linkplain IncomingBlob#commit() commit}; closing without committing deletes it.
     */
    public IncomingBlob receive(BlobId expected) throws IOException {
        String name = INCOMING_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        return new IncomingBlob(this, expected, Files.createFile(dir.resolve(name)));
    }

    /** Verifies the received {@code file} against {@code expected} and moves it into place. */
    Path commit(BlobId expected, Path file) throws IOException {
        BlobId actual = BlobId.of(file);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(file);
            throw new IOException("the content received for blob " + expected + " has SHA-256 " + actual
                + ": it was damaged or is another file; nothing was cached");
        }
        long size = Files.size(file);
        synchronized (this) {
            Path target = pathOf(expected);
            if (locate(expected)) {
                // Another thread or process stored the same content first.
                Files.deleteIfExists(file);
            } else {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            }
            long use = nextUseMillis();
            Files.setLastModifiedTime(target, FileTime.fromMillis(use));
            index.add(expected, size, use);
            if (size > index.maxBytes()) {
                LOG.warn("blob {} has {} bytes, more than the whole cache may hold ({} bytes, mpj.node.cache.max-size);"
                    + " keeping it for its job, raise the limit to keep other blobs beside it", expected, size,
                    index.maxBytes());
            }
            evict(expected);
            return target;
        }
    }

    private synchronized void release(BlobId id) {
        index.unpin(id);
        evict(null);
    }

    /** Whether the index knows {@code id}, adopting a file another process of this directory stored. */
    private boolean locate(BlobId id) {
        if (index.contains(id)) {
            return true;
        }
        Path path = pathOf(id);
        try {
            index.add(id, Files.size(path), Files.getLastModifiedTime(path).toMillis());
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    private void touch(BlobId id) throws IOException {
        long use = nextUseMillis();
        Files.setLastModifiedTime(pathOf(id), FileTime.fromMillis(use));
        index.touch(id, use);
    }

    /** Now, but later than any use before: uses in the same millisecond keep their order. */
    private long nextUseMillis() {
        lastUseMillis = Math.max(System.currentTimeMillis(), lastUseMillis + 1);
        return lastUseMillis;
    }

    private void evict(BlobId keep) {
        for (BlobId id : index.evict(keep)) {
            try {
                Files.deleteIfExists(pathOf(id));
                LOG.info("evicted blob {} from {}: the cache exceeded its limit of {} bytes", id, dir,
                    index.maxBytes());
            } catch (IOException e) {
                LOG.warn("cannot evict blob {} from {}: {}", id, dir, e.toString());
            }
        }
    }

    private void scan() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(INCOMING_PREFIX)) {
                    deleteIfAbandoned(file, name);
                } else if (isBlobName(name)) {
                    long lastUse = Files.getLastModifiedTime(file).toMillis();
                    index.add(BlobId.parse(name), Files.size(file), lastUse);
                    lastUseMillis = Math.max(lastUseMillis, lastUse);
                }
            }
        }
        evict(null);
    }

    /** Deletes a half-received blob unless the process that receives it is still running. */
    private static void deleteIfAbandoned(Path file, String name) throws IOException {
        String pid = name.substring(INCOMING_PREFIX.length()).replaceFirst("-.*", "");
        boolean receiverAlive = pid.matches("[0-9]{1,18}")
            && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        if (!receiverAlive) {
            Files.deleteIfExists(file);
        }
    }

    private static boolean isBlobName(String name) {
        try {
            BlobId.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Path pathOf(BlobId id) {
        return dir.resolve(id.hex());
    }

    /** A blob held in the cache for a job until {@link #close()}; closing again does nothing. */
    public final class Pin implements AutoCloseable {

        private final BlobId id;
        private final Path path;
        private boolean closed;

        private Pin(BlobId id, Path path) {
            this.id = id;
            this.path = path;
        }

        /** The pinned blob. */
        public BlobId id() {
            return id;
        }

        /** Its file, which stays until the pin is closed. */
        public Path path() {
            return path;
        }

        /** Lets the cache evict the blob again (if no other pin holds it). */
        @Override
        public void close() {
            synchronized (BlobCache.this) {
                if (!closed) {
                    closed = true;
                    release(id);
                }
            }
        }
    }
}
