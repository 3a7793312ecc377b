package org.mpjcluster.device.shm;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.mpjcluster.device.FrameSink;

/**
 * The frames waiting for one endpoint: one {@link Channel} per endpoint that has sent it
 * something, created by that sender on its first send. The endpoint's threads drain the channels
 * when they poll, so matching and copying happen on the receiving rank's thread.
 */
final class Inbox {

    private static final int MAX_BATCH = 256;

    private final FrameSink sink;
    private final int ringBytes;
    private final AtomicReferenceArray<Channel> channels;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Channels created so far; the receiver picks up new ones when this moves. */
    private volatile int channelCount;
    /** The receiving ends, in order of creation; touched only while draining. */
    private Intake[] intakes = new Intake[0];
    private final Intake[] intakeBySource;

    Inbox(FrameSink sink, int endpointCount, int ringBytes) {
        this.sink = sink;
        this.ringBytes = ringBytes;
        this.channels = new AtomicReferenceArray<>(endpointCount);
        this.intakeBySource = new Intake[endpointCount];
    }

    /** The channel from {@code source}, created on first use. Sender side. */
    Channel channelFrom(int source) {
        Channel channel = channels.get(source);
        if (channel != null) {
            return channel;
        }
        Channel created = new Channel(ringBytes);
        if (channels.compareAndSet(source, null, created)) {
            synchronized (this) {
                channelCount++;
            }
            return created;
        }
        return channels.get(source);
    }

    /** Wakes the endpoint if it is parked; called after a frame was appended. */
    void wake() {
        // The endpoint registers as parked, then polls; this fence orders our append before our
        // look at its registration, so one of the two always sees the other.
        VarHandle.fullFence();
        sink.wake();
    }

    /** Tells the endpoint that {@code gone} has left; frames it sent before stay in their channel. */
    void endpointGone(int gone, String reason) {
        sink.onEndpointGone(gone, reason);
        sink.wake();
    }

    /**
     * Delivers waiting frames to the sink on the calling thread; returns how many. One thread
     * drains at a time; others return 0 at once.
     */
    int drain() {
        if (intakes.length == 0 && channelCount == 0 || !draining.compareAndSet(false, true)) {
            return 0;
        }
        int delivered = 0;
        try {
            if (intakes.length != channelCount) {
                addNewIntakes();
            }
            for (Intake intake : intakes) {
                delivered += intake.deliver(MAX_BATCH);
            }
        } finally {
            // Only a later drain reads this flag, and its compare-and-set orders what follows.
            draining.setRelease(false);
        }
        return delivered;
    }

    private void addNewIntakes() {
        for (int source = 0; source < channels.length(); source++) {
            Channel channel = channels.get(source);
            if (channel != null && intakeBySource[source] == null) {
                intakeBySource[source] = new Intake(channel, source, sink);
                intakes = Arrays.copyOf(intakes, intakes.length + 1);
                intakes[intakes.length - 1] = intakeBySource[source];
            }
        }
    }
}
