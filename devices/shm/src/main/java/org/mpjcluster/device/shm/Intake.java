package org.mpjcluster.device.shm;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.jctools.queues.SpscUnboundedArrayQueue;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.PayloadView;

/**
 * The receiving end of one {@link Channel}, owned by the receiving endpoint: takes frames in
 * channel order from the ring and the queue and hands them to the sink.
 */
final class Intake implements ControlledMessageHandler {

    private final Channel channel;
    private final int source;
    private final FrameSink sink;
    private final PayloadView view = new PayloadView();
    private int nextSequence = 1;
    private int taken;

    Intake(Channel channel, int source, FrameSink sink) {
        this.channel = channel;
        this.source = source;
        this.sink = sink;
    }

    /** Delivers up to {@code limit} frames in order; returns how many. */
    int deliver(int limit) {
        taken = 0;
        SpscUnboundedArrayQueue<Channel.Queued> queue = channel.queue();
        while (taken < limit) {
            int before = taken;
            channel.ring().controlledRead(this, limit - taken);
            Channel.Queued queued;
            while (taken < limit && (queued = queue.relaxedPeek()) != null && queued.sequence() == nextSequence) {
                queue.relaxedPoll();
                nextSequence++;
                taken++;
                sink.onFrame(source, queued.frame());
            }
            if (taken == before) {
                break;
            }
        }
        return taken;
    }

    @Override
    public Action onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
        if (RecordDescriptor.channelSequence(buffer, index) != nextSequence) {
            return Action.ABORT;
        }
        nextSequence++;
        taken++;
        sink.onFrame(source, RecordDescriptor.read(buffer, channel.ringBytes(), type, index, view));
        return Action.CONTINUE;
    }
}
