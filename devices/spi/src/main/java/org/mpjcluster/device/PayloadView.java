package org.mpjcluster.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight over the body of the frame being delivered, inside a device's receive buffer: one
 * per connection or channel, moved from frame to frame, so delivering allocates no payload. Valid
 * only while the sink handles the frame; {@link #retain()} copies.
 *
 * <p>The receiving thread writes it on every frame, so it is {@linkplain CacheLinePadding padded},
 * and it never moves the position of the buffer it points into: a garbage collector may put any
 * object next to either, and a neighbour another thread uses would cost a cache miss per frame.
 */
@SuppressWarnings("unused") // the trailing padding
public final class PayloadView extends PayloadViewFields implements Payload {

    private long q00, q01, q02, q03, q04, q05, q06, q07;
    private long q08, q09, q10, q11, q12, q13, q14, q15;

    /** Points this flyweight at {@code length} bytes of {@code buffer} from {@code start}. */
    public PayloadView wrap(ByteBuffer buffer, int start, int length) {
        if (buffer != this.buffer) {
            // Only when it changes: storing a reference into an old object costs a garbage
            // collector's write barrier, with a memory fence, on every frame.
            this.buffer = buffer;
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
    public void copyTo(int offset, ByteBuffer dst, int at, int count) {
        if (offset < 0 || count < 0 || count > length - offset) {
            throw new IndexOutOfBoundsException("copying " + count + " bytes from offset " + offset
                + " of a " + length + "-byte payload");
        }
        dst.put(at, buffer, start + offset, count);
    }

    /** The body, in a little-endian buffer of its own. */
    @Override
    public ByteBuffer bytes() {
        return buffer.slice(start, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public Payload retain() {
        byte[] copy = new byte[length];
        buffer.get(start, copy);
        return BytePayload.wrap(copy, 0, length);
    }
}
