package org.mpjcluster.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight over the body of the frame being delivered, inside a device's receive buffer: one
 * per connection or channel, moved from frame to frame, so delivering allocates no payload, and
 * {@link #bytes()} no buffer. Valid only while the sink handles the frame; {@link #retain()} copies.
 */
public final class PayloadView implements Payload {

    private ByteBuffer buffer;
    /** A little-endian view of {@code buffer}, moved to each body that {@link #bytes()} shows. */
    private ByteBuffer window;
    private int start;
    private int length;

    /** Points this flyweight at {@code length} bytes of {@code buffer} from {@code start}. */
    public PayloadView wrap(ByteBuffer buffer, int start, int length) {
        if (buffer != this.buffer) {
            this.buffer = buffer;
            this.window = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
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

    /** The body, from the position to the limit of a view that the next call moves. */
    @Override
    public ByteBuffer bytes() {
        return window.clear().position(start).limit(start + length);
    }

    @Override
    public Payload retain() {
        byte[] copy = new byte[length];
        buffer.get(start, copy);
        return BytePayload.wrap(copy, 0, length);
    }
}
