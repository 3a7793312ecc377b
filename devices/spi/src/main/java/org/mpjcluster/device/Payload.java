package org.mpjcluster.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The body of a message in its wire form: a sequence of bytes in little-endian order.
 *
 * <p>A payload handed to {@link FrameSink#onFrame} is valid only during that call, unless the
 * device {@linkplain Device#passesByReference passes it by reference}, in which case the sender keeps it valid
 * until the receiver acknowledges. A receiver that needs the bytes later calls {@link #retain()}.
 */
public interface Payload {

    /** Number of bytes in the wire form. */
    int byteSize();

    /**
     * Copies {@code length} bytes of the wire form, starting at {@code offset}, into {@code dst}
     * from byte index {@code at}. The position and limit of {@code dst} are neither used nor
     * changed, so a device may copy into a buffer it keeps without writing the buffer object on
     * every message (which, next to another thread's data, would cost a cache miss on each side).
     */
    void copyTo(int offset, ByteBuffer dst, int at, int length);

    /** Returns a payload with the same bytes that stays valid after the current delivery returns. */
    Payload retain();

    /**
     * The bytes as a little-endian buffer, from its position to its limit, for reading only (read
     * relative to the position), valid as long as the payload is. Payloads held in a buffer return
     * a view of it; others copy.
     */
    default ByteBuffer bytes() {
        ByteBuffer copy = ByteBuffer.allocate(byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        copyTo(0, copy, 0, byteSize());
        return copy;
    }
}
