package org.mpjcluster.device.shm;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jctools.util.PaddedAtomicLong;
import org.mpjcluster.device.FrameSink;

/**
 * The frames waiting for one endpoint: one {@link Channel} per endpoint that has sent it
 * something, created by that sender on its first send. The endpoint's threads drain the channels
 * when they poll, so matching and copying happen on the receiving rank's thread.
 */
final class Inbox {

    private final FrameSink sink;
    private final int ringBytes;
    private final AtomicReferenceArray<Channel> channels;
    /**
     * 1 while a thread drains, else 0. Taken on every poll, so it has cache lines of its own:
     * next to anything another thread writes, each poll would have to fetch the line back.
     */
    private final PaddedAtomicLong draining = new PaddedAtomicLong();
    /** Channels created so far; the receiver picks up new ones when this moves. */
    private volatile int channelCount;
    /** The receiving ends, in order of creation; replaced only while draining, read by any poll. */
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
     * Delivers waiting frames to the sink on the calling thread, at most one from each channel;
     * returns how many. One thread drains at a time; others return 0 at once. A waiting rank calls
     * this in a loop, so it first looks, without writing anything, whether any channel holds a frame.
     * One frame per channel keeps a reply's path short (see {@link Intake#deliverNext}): in a
     * two-thread ping-pong of 1-byte frames through this class, a hop took 240 ns when a drain
     * looked for a second frame and 175 ns when it did not.
     */
    int drain() {
        if (intakes.length == channelCount && !anyWaiting() || !draining.compareAndSet(0, 1)) {
            return 0;
        }
        int delivered = 0;
        try {
            if (intakes.length != channelCount) {
                addNewIntakes();
            }
            for (Intake intake : intakes) {
                if (intake.deliverNext()) {
                    delivered++;
                }
            }
        } finally {
            // Only a later drain reads this flag, and its compare-and-set orders what follows.
            draining.lazySet(0);
        }
        return delivered;
    }

    /** Whether a channel seems to hold a frame; another thread draining may take it first. */
    private boolean anyWaiting() {
        for (Intake intake : intakes) {
            if (intake.hasWaiting()) {
                return true;
            }
        }
        return false;
    }

    private void addNewIntakes() {
        for (int source = 0; source < channels.length(); source++) {
            Channel channel = channels.get(source);
            if (channel != null && intakeBySource[source] == null) {
                intakeBySource[source] = new Intake(channel, source, sink);
                Intake[] grown = Arrays.copyOf(intakes, intakes.length + 1);
                grown[grown.length - 1] = intakeBySource[source];
                intakes = grown;
            }
        }
    }
}
