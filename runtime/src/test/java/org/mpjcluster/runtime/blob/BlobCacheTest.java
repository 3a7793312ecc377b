package org.mpjcluster.runtime.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache: verified puts, least-recently-used eviction that spares pinned blobs, restarts. */
class BlobCacheTest {

    private static final int KIB = 1024;

    @TempDir
    Path dir;

    @Test
    void findsWhatWasPutWithItsContent() throws IOException {
        BlobCache cache = BlobCache.open(dir, 1 << 20);
        byte[] content = TestBlobs.bytes(10 * KIB, 1);
        BlobId id = TestBlobs.put(cache, content);

        Path found = cache.find(id).orElseThrow();
        assertArrayEquals(content, Files.readAllBytes(found));
        assertEquals(dir.resolve(id.hex()), found);
        assertEquals(10 * KIB, cache.totalBytes());
        assertEquals(Optional.empty(), cache.find(TestBlobs.idOf(TestBlobs.bytes(10, 2))));
    }

    @Test
    void refusesContentThatDoesNotMatchItsIdAndLeavesNothingBehind() throws IOException {
        BlobCache cache = BlobCache.open(dir, 1 << 20);
        BlobId claimed = TestBlobs.idOf(TestBlobs.bytes(KIB, 1));

        IOException e = assertThrows(IOException.class,
            () -> cache.put(claimed, new ByteArrayInputStream(TestBlobs.bytes(KIB, 2))));

        assertTrue(e.getMessage().contains(claimed.hex()) && e.getMessage().contains("SHA-256"), e::getMessage);
        assertEquals(List.of(), filesIn(dir));
        assertEquals(Optional.empty(), cache.find(claimed));
        assertEquals(0, cache.totalBytes());
    }

    @Test
    void puttingABlobItHoldsDoesNotReadTheContent() throws IOException {
        BlobCache cache = BlobCache.open(dir, 1 << 20);
        byte[] content = TestBlobs.bytes(KIB, 1);
        BlobId id = TestBlobs.put(cache, content);
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the content of a cached blob was read again");
            }
        };

        assertEquals(dir.resolve(id.hex()), cache.put(id, unreadable));
        assertEquals(KIB, cache.totalBytes());
    }

    @Test
    void evictsTheLeastRecentlyUsedBlobsFirst() throws IOException {
        BlobCache cache = BlobCache.open(dir, 3 * KIB);
        BlobId a = TestBlobs.put(cache, TestBlobs.bytes(KIB, 1));
        BlobId b = TestBlobs.put(cache, TestBlobs.bytes(KIB, 2));
        BlobId c = TestBlobs.put(cache, TestBlobs.bytes(KIB, 3));
        cache.find(a);

        BlobId d = TestBlobs.put(cache, TestBlobs.bytes(KIB, 4));

        assertFalse(Files.exists(dir.resolve(b.hex())), "b, the least recently used, was evicted");
        assertTrue(cache.find(a).isPresent() && cache.find(c).isPresent() && cache.find(d).isPresent());
        assertEquals(3 * KIB, cache.totalBytes());
    }

    @Test
    void neverEvictsAPinnedBlobAndEvictsItOnceReleasedIfStillOverTheLimit() throws IOException {
        BlobCache cache = BlobCache.open(dir, 2 * KIB);
        BlobId a = TestBlobs.put(cache, TestBlobs.bytes(KIB, 1));
        BlobCache.Pin pinOfA = cache.pin(a).orElseThrow();
        BlobId b = TestBlobs.put(cache, TestBlobs.bytes(KIB, 2));
        BlobId c = TestBlobs.put(cache, TestBlobs.bytes(KIB, 3));

        assertTrue(Files.exists(pinOfA.path()), "the pinned blob stays though it is the least recently used");
        assertFalse(Files.exists(dir.resolve(b.hex())));

        BlobCache.Pin pinOfC = cache.pin(c).orElseThrow();
        BlobId d = TestBlobs.put(cache, TestBlobs.bytes(KIB, 4));
        assertEquals(3 * KIB, cache.totalBytes(), "over the limit while pins hold a and c");

        pinOfA.close();
        pinOfA.close();
        assertFalse(Files.exists(dir.resolve(a.hex())), "released and least recently used");
        assertTrue(Files.exists(pinOfC.path()));
        assertTrue(cache.find(d).isPresent());
        assertEquals(2 * KIB, cache.totalBytes());
        pinOfC.close();
    }

    @Test
    void acceptsABlobLargerThanTheWholeLimit() throws IOException {
        BlobCache cache = BlobCache.open(dir, KIB);
        BlobId small = TestBlobs.put(cache, TestBlobs.bytes(KIB / 2, 1));
        byte[] large = TestBlobs.bytes(4 * KIB, 2);
        BlobId big = TestBlobs.put(cache, large);

        assertArrayEquals(large, Files.readAllBytes(cache.find(big).orElseThrow()));
        assertEquals(Optional.empty(), cache.find(small));
    }

    @Test
    void aRestartKeepsTheBlobsAndTheirOrderOfUse() throws IOException {
        BlobCache before = BlobCache.open(dir, 3 * KIB);
        BlobId a = TestBlobs.put(before, TestBlobs.bytes(KIB, 1));
        BlobId b = TestBlobs.put(before, TestBlobs.bytes(KIB, 2));
        BlobId c = TestBlobs.put(before, TestBlobs.bytes(KIB, 3));
        before.find(b);
        before.find(a);

        BlobCache after = BlobCache.open(dir, 3 * KIB);
        assertEquals(3 * KIB, after.totalBytes());
        TestBlobs.put(after, TestBlobs.bytes(KIB, 4));
        TestBlobs.put(after, TestBlobs.bytes(KIB, 5));

        assertFalse(Files.exists(dir.resolve(c.hex())), "c was used least recently");
        assertFalse(Files.exists(dir.resolve(b.hex())), "then b");
        assertTrue(Files.exists(dir.resolve(a.hex())), "a was used last before the restart");
    }

    @Test
    void openingDeletesBlobsHalfReceivedByADeadProcessOnly() throws IOException {
        Path abandoned = Files.write(dir.resolve(BlobCache.INCOMING_PREFIX + Long.MAX_VALUE + "-x"), new byte[100]);
        Path garbled = Files.write(dir.resolve(BlobCache.INCOMING_PREFIX + "garbled"), new byte[100]);
        Path live = Files.write(dir.resolve(BlobCache.INCOMING_PREFIX + ProcessHandle.current().pid() + "-y"),
            new byte[100]);

        BlobCache cache = BlobCache.open(dir, 1 << 20);

        assertFalse(Files.exists(abandoned));
        assertFalse(Files.exists(garbled));
        assertTrue(Files.exists(live), "a receiving process that is alive keeps its file");
        assertEquals(0, cache.totalBytes());
    }

    @Test
    void closingAnUncommittedIncomingBlobDeletesIt() throws IOException {
        BlobCache cache = BlobCache.open(dir, 1 << 20);
        byte[] content = TestBlobs.bytes(KIB, 1);
        Path file;
        try (IncomingBlob incoming = cache.receive(TestBlobs.idOf(content))) {
            file = Files.write(incoming.file(), content);
        }
        assertFalse(Files.exists(file));
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void threadsPuttingAndFindingTheSameBlobsAtOnceAllGetIntactFiles() throws IOException {
        BlobCache cache = BlobCache.open(dir, 6 * 64 * KIB);
        List<byte[]> contents = List.of(TestBlobs.bytes(64 * KIB, 1), TestBlobs.bytes(64 * KIB, 2),
            TestBlobs.bytes(64 * KIB, 3));
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            byte[] content = contents.get(t % contents.size());
            workers.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 20; round++) {
                    BlobId id = TestBlobs.put(cache, content);
                    try {
                        assertArrayEquals(content, Files.readAllBytes(cache.find(id).orElseThrow()));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        workers.forEach(CompletableFuture::join);

        assertEquals(3 * 64 * KIB, cache.totalBytes());
        assertEquals(3, filesIn(dir).size(), "no temporary file is left: " + filesIn(dir));
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
