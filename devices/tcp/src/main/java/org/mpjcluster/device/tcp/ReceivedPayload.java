package org.mpjcluster.device.tcp;

import java.nio.ByteBuffer;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;

/**
 * A flyweight over the body of the frame being delivered, inside a connection's receive buffer:
 * one per connection, moved from frame to frame, so delivering allocates no payload. Valid only
 * while the sink handles the frame; {@link #retain()} copies.
 */
final class ReceivedPayload implements Payload {

    private ByteBuffer buffer;
    private int start;
    private int length;

    /** Points this flyweight at {@code length} bytes of {@code buffer} from {@code start}. */
    ReceivedPayload wrap(ByteBuffer buffer, int start, int length) {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
        return this;
    }

    @Override
    public int byteSize() {
        return length;
    }

    @Override
    public void copyTo(int offset, ByteBuffer dst) {
        int count = dst.remaining();
        if (offset < 0 || count > length - offset) {
            throw new IndexOutOfBoundsException("copying " + count + " bytes from offset " + offset
                + " of a " + length + "-byte payload");
        }
        dst.put(dst.position(), buffer, start + offset, count);
        dst.position(dst.position() + count);
    }

    @Override
    public Payload retain() {
        byte[] copy = new byte[length];
        buffer.get(start, copy);
        return BytePayload.wrap(copy, 0, length);
    }
}
