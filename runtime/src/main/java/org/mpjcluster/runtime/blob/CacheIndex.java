package org.mpjcluster.runtime.blob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of a {@link BlobCache}: the size, last use and pin count of each blob, and
 * which blobs to evict. Not thread-safe: the cache calls it under its lock.
 */
final class CacheIndex {

    private static final class Entry {
        final long size;
        long lastUseMillis;
        int pins;

        Entry(long size, long lastUseMillis) {
            this.size = size;
            this.lastUseMillis = lastUseMillis;
        }
    }

    private final long maxBytes;
    private final Map<BlobId, Entry> entries = new HashMap<>();
    private long totalBytes;

    CacheIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Records {@code id}, or only its use if it is known already. */
    void add(BlobId id, long size, long lastUseMillis) {
        Entry entry = entries.get(id);
        if (entry == null) {
            entries.put(id, new Entry(size, lastUseMillis));
            totalBytes += size;
        } else {
            entry.lastUseMillis = Math.max(entry.lastUseMillis, lastUseMillis);
        }
    }

    boolean contains(BlobId id) {
        return entries.containsKey(id);
    }

    /** Records a use of a known {@code id}. */
    void touch(BlobId id, long whenMillis) {
        entries.get(id).lastUseMillis = whenMillis;
    }

    /** Forgets {@code id}, whose file is gone. */
    void remove(BlobId id) {
        Entry entry = entries.remove(id);
        if (entry != null) {
            totalBytes -= entry.size;
        }
    }

    void pin(BlobId id) {
        entries.get(id).pins++;
    }

    void unpin(BlobId id) {
        Entry entry = entries.get(id);
        if (entry != null && entry.pins > 0) {
            entry.pins--;
        }
    }

    /**
     * Chooses the blobs to evict so that the total fits the limit, least recently used first,
     * never a pinned one nor {@code keep} (the blob just added), and forgets them. The total may
     * stay above the limit when what remains is pinned or kept.
     */
    List<BlobId> evict(BlobId keep) {
        List<BlobId> evicted = new ArrayList<>();
        if (totalBytes <= maxBytes) {
            return evicted;
        }
        List<Map.Entry<BlobId, Entry>> candidates = entries.entrySet().stream()
            .filter(e -> e.getValue().pins == 0 && !e.getKey().equals(keep))
            .sorted(Comparator.comparingLong(e -> e.getValue().lastUseMillis))
            .toList();
        for (Map.Entry<BlobId, Entry> candidate : candidates) {
            if (totalBytes <= maxBytes) {
                break;
            }
            remove(candidate.getKey());
            evicted.add(candidate.getKey());
        }
        return evicted;
    }

    long totalBytes() {
        return totalBytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
