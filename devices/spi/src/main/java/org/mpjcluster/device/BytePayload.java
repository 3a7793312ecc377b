package org.mpjcluster.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A payload held in a byte buffer: what byte-oriented devices deliver and what packing produces. */
public final class BytePayload implements Payload {

    private final ByteBuffer bytes;

    /** Wraps the remaining bytes of {@code bytes} (not copied; the view is little-endian). */
    public BytePayload(ByteBuffer bytes) {
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Wraps {@code length} bytes of {@code array} starting at {@code offset} (not copied). */
    public static BytePayload wrap(byte[] array, int offset, int length) {
        return new BytePayload(ByteBuffer.wrap(array, offset, length));
    }

    /** A read-only little-endian view of the bytes, positioned at 0. */
    @Override
    public ByteBuffer bytes() {
        return bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int byteSize() {
        return bytes.capacity();
    }

    @Override
    public void copyTo(int offset, ByteBuffer dst, int at, int length) {
        dst.put(at, bytes, offset, length);
    }

    @Override
    public BytePayload retain() {
        byte[] copy = new byte[bytes.capacity()];
        bytes.get(0, copy);
        return wrap(copy, 0, copy.length);
    }
}
