package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.PayloadView;

/**
 * The receiving half of a connection: reads what the socket holds into a direct receive buffer and
 * delivers each complete frame to the sink, its payload a {@link PayloadView} flyweight over
 * the buffer. The buffer starts small and grows to the largest frame the connection has carried
 * (at most the configured maximum), so a steady stream of messages allocates nothing but the
 * {@code Frame} records the SPI hands over. Used by one polling thread at a time.
 */
final class IncomingFrames {

    private static final int INITIAL_BUFFER_BYTES = 16 * 1024;

    private final SocketChannel channel;
    private final int maxFrameBytes;
    private final PayloadView payload = new PayloadView();
    /** In write mode between calls: unread bytes are {@code [0, position)}. */
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    IncomingFrames(SocketChannel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Reads until the socket is empty and delivers the complete frames to {@code sink} as coming
     * from {@code peer}; returns the work done: the frames delivered, or 1 if bytes of a frame
     * still incomplete arrived. A large frame arrives over many polls, and a rank that saw no
     * progress in them would back off and park while it streams in.
     *
     * @throws ConnectionEnded on a goodbye (after the frames before it), at the end of the stream,
     *                         or on a malformed header
     * @throws IOException     if the socket fails
     */
    int receive(int peer, FrameSink sink) throws IOException, ConnectionEnded {
        int frames = 0;
        boolean progress = false;
        while (true) {
            int space = buffer.remaining();
            int read = channel.read(buffer);
            if (read < 0) {
                throw new ConnectionEnded("connection lost: closed without a goodbye", false);
            }
            if (read == 0) {
                break;
            }
            progress = true;
            frames += deliver(peer, sink);
            if (read < space) {
                break;
            }
        }
        return frames > 0 || !progress ? frames : 1;
    }

    private int deliver(int peer, FrameSink sink) throws ConnectionEnded {
        int frames = 0;
        int needed = 0;
        buffer.flip();
        try {
            while (buffer.remaining() >= FrameDescriptor.LENGTH) {
                int at = buffer.position();
                String violation = FrameDescriptor.violation(buffer, at, maxFrameBytes);
                if (violation != null) {
                    throw new ConnectionEnded("sent a malformed frame: " + violation, false);
                }
                if (FrameDescriptor.type(buffer, at) == FrameDescriptor.TYPE_GOODBYE) {
                    throw new ConnectionEnded("finished", true);
                }
                int length = FrameDescriptor.payloadLength(buffer, at);
                int total = FrameDescriptor.LENGTH + length;
                if (buffer.remaining() < total) {
                    needed = total;
                    break;
                }
                // Consumed before delivery, so the buffer stays consistent if the sink throws.
                buffer.position(at + total);
                PayloadView body = FrameDescriptor.hasPayload(buffer, at)
                    ? payload.wrap(buffer, at + FrameDescriptor.LENGTH, length) : null;
                frames++;
                sink.onFrame(peer, FrameDescriptor.decodeFrame(buffer, at, body));
            }
        } finally {
            restoreWriteMode();
        }
        if (needed > buffer.capacity()) {
            grow(needed);
        }
        return frames;
    }

    /**
     * Moves the unread bytes to the front, unless none were consumed: a large frame arrives over
     * many reads, and copying it to where it already is after each of them would cost time
     * quadratic in its size.
     */
    private void restoreWriteMode() {
        if (buffer.position() == 0) {
            buffer.position(buffer.limit()).limit(buffer.capacity());
        } else {
            buffer.compact();
        }
    }

    private void grow(int needed) {
        int capacity = (int) Math.min(Math.max(needed, 2L * buffer.capacity()),
            (long) FrameDescriptor.LENGTH + maxFrameBytes);
        ByteBuffer larger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }
}
