package org.mpjcluster.engine.data;

import java.nio.ByteBuffer;
import org.mpjcluster.device.Payload;

/**
 * A payload that is a range of a primitive array, not yet packed. A device that shares memory
 * passes it to the receiving engine, which copies straight from the sender's array; a byte device
 * packs it into its own buffer with {@link #copyTo}.
 */
public final class ArraySlicePayload implements Payload {

    private final PrimitiveKind kind;
    private final Object array;
    private final int offset;
    private final int count;

    /** A view of {@code count} elements of {@code array} starting at {@code offset} (not copied). */
    public ArraySlicePayload(PrimitiveKind kind, Object array, int offset, int count) {
        this.kind = kind;
        this.array = array;
        this.offset = offset;
        this.count = count;
    }

    /** The kind of the elements. */
    public PrimitiveKind kind() {
        return kind;
    }

    /** The array the elements live in. */
    public Object array() {
        return array;
    }

    /** Index of the first element in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** Number of elements. */
    public int count() {
        return count;
    }

    @Override
    public int byteSize() {
        return count * kind.byteSize();
    }

    @Override
    public void copyTo(int byteOffset, ByteBuffer dst, int at, int length) {
        int elementSize = kind.byteSize();
        if (byteOffset % elementSize == 0 && length % elementSize == 0) {
            kind.packAt(array, offset + byteOffset / elementSize, length / elementSize, dst, at);
            return;
        }
        int first = byteOffset / elementSize;
        int end = (byteOffset + length + elementSize - 1) / elementSize;
        ByteBuffer scratch = ByteBuffer.allocate((end - first) * elementSize);
        kind.packAt(array, offset + first, end - first, scratch, 0);
        dst.put(at, scratch, byteOffset - first * elementSize, length);
    }

    @Override
    public ArraySlicePayload retain() {
        Object copy = kind.newArray(count);
        System.arraycopy(array, offset, copy, 0, count);
        return new ArraySlicePayload(kind, copy, 0, count);
    }
}
