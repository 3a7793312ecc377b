package org.mpjcluster.device.shm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import org.mpjcluster.device.FrameSink;

/**
 * The endpoints of one job that live in this JVM: a table from endpoint to the inbox that
 * receives its frames. One fabric per job id, shared by the job's shm devices and dropped when
 * the last of them closes.
 */
final class ShmFabric {

    private static final ConcurrentMap<String, ShmFabric> FABRICS = new ConcurrentHashMap<>();

    private final String jobId;
    private final AtomicReferenceArray<Inbox> inboxes;
    private final int ringBytes;
    private final int inlinePayloadLimit;
    private int openDevices;

    private ShmFabric(String jobId, int endpointCount, int ringBytes) {
        this.jobId = jobId;
        this.inboxes = new AtomicReferenceArray<>(endpointCount);
        this.ringBytes = ringBytes;
        this.inlinePayloadLimit = Channel.inlinePayloadLimit(ringBytes);
    }

    /**
     * The fabric of {@code jobId}, created on first use; the caller must later {@link #leave} or,
     * if it never attached, {@link #release}. The first to join sets the size of the channels' rings.
     */
    static ShmFabric join(String jobId, int endpointCount, int ringBytes) {
        return FABRICS.compute(jobId, (id, existing) -> {
            ShmFabric fabric = existing != null ? existing : new ShmFabric(id, endpointCount, ringBytes);
            if (fabric.inboxes.length() != endpointCount) {
                throw new IllegalStateException("job " + jobId + " opened with " + endpointCount
                    + " endpoints, but its fabric has " + fabric.inboxes.length());
            }
            synchronized (fabric) {
                fabric.openDevices++;
            }
            return fabric;
        });
    }

    /** Registers {@code endpoint}, whose frames go to {@code sink}, and returns its inbox. */
    Inbox attach(int endpoint, FrameSink sink) {
        Inbox inbox = new Inbox(sink, inboxes.length(), ringBytes);
        if (!inboxes.compareAndSet(endpoint, null, inbox)) {
            throw new IllegalStateException("endpoint " + endpoint + " of job " + jobId
                + " is already open in this JVM");
        }
        return inbox;
    }

    /** The largest payload the channels copy; larger ones pass by reference. */
    int inlinePayloadLimit() {
        return inlinePayloadLimit;
    }

    /** The inbox of {@code endpoint}, or {@code null} if it is not (or no longer) open. */
    Inbox inbox(int endpoint) {
        return inboxes.get(endpoint);
    }

    /**
     * Unregisters {@code endpoint}, tells the other endpoints it shares memory with (those
     * {@code colocated} accepts: the others reach it by another device, which reports its end in
     * order with its frames), and drops the fabric when empty.
     */
    void leave(int endpoint, IntPredicate colocated, String reason) {
        inboxes.set(endpoint, null);
        for (int other = 0; other < inboxes.length(); other++) {
            Inbox inbox = inboxes.get(other);
            if (inbox != null && colocated.test(other)) {
                inbox.endpointGone(endpoint, reason);
            }
        }
        release();
    }

    /** Undoes one {@link #join}; drops the fabric when no device of the job remains. */
    void release() {
        FABRICS.computeIfPresent(jobId, (id, f) -> {
            synchronized (f) {
                return --f.openDevices == 0 ? null : f;
            }
        });
    }
}
