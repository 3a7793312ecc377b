package org.mpjcluster.engine.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;

/**
 * A user buffer as a message sees it: {@code count} items of {@code layout} in {@code array}
 * starting at element {@code offset}. Turns itself into a payload to send and fills itself from a
 * received payload, copying once whenever the layouts allow.
 *
 * @param array  the user's array
 * @param offset index of the first element
 * @param count  number of items of the layout
 * @param layout the flattened datatype
 */
public record MessageBuffer(Object array, int offset, int count, TypeLayout layout) {

    /** Number of base elements the buffer holds: its capacity on receive. */
    public int elementCount() {
        return count * layout.size();
    }

    /** The kind of the base elements. */
    public PrimitiveKind kind() {
        return layout.kind();
    }

    /**
     * The payload to send: a view of the array when the data is contiguous, otherwise the packed
     * or serialized bytes.
     */
    public Payload payload() {
        PrimitiveKind kind = layout.kind();
        if (kind == PrimitiveKind.OBJECT) {
            byte[] bytes = ObjectCodec.encode((Object[]) array, offset, count, layout);
            return BytePayload.wrap(bytes, 0, bytes.length);
        }
        if (layout.isContiguous()) {
            return new ArraySlicePayload(kind, array, offset, elementCount());
        }
        ByteBuffer packed = ByteBuffer.allocate(elementCount() * kind.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        layout.forEachBlock(offset, count, elementCount(), (start, length) -> kind.pack(array, start, length, packed));
        packed.flip();
        return new BytePayload(packed);
    }

    /** Whether chunks of a message can be copied straight into place: a plain run of primitives. */
    public boolean unpacksInPlace() {
        return layout.kind() != PrimitiveKind.OBJECT && layout.isContiguous();
    }

    /**
     * Stores the elements in {@code chunk}, bytes {@code [byteOffset, byteOffset + size)} of a
     * message of {@code elements} base elements, clipped to this buffer's capacity. Only for a
     * buffer that {@linkplain #unpacksInPlace() unpacks in place}; {@code byteOffset} is a multiple
     * of the element size.
     */
    public void unpackChunk(Payload chunk, int byteOffset, int elements) {
        PrimitiveKind kind = layout.kind();
        int first = byteOffset / kind.byteSize();
        int count = Math.min(chunk.byteSize() / kind.byteSize(), Math.min(elements, elementCount()) - first);
        if (count > 0) {
            kind.unpack(chunk.bytes(), array, offset + first, count);
        }
    }

    /**
     * How many base elements of this buffer's kind a message of {@code elements} elements and
     * {@code bytes} bytes holds, or -1 if its data cannot be of this kind.
     */
    public int incomingElements(int elements, int bytes) {
        PrimitiveKind kind = layout.kind();
        if (kind == PrimitiveKind.BYTE) {
            return bytes;
        }
        if (kind == PrimitiveKind.OBJECT) {
            return elements;
        }
        return bytes == elements * kind.byteSize() ? elements : -1;
    }

    /**
     * Stores the first {@code min(elements, elementCount())} base elements of {@code payload} in
     * this buffer; {@code elements} comes from {@link #incomingElements}. Nothing outside the
     * buffer's items is written.
     */
    public void unpack(Payload payload, int elements, ClassLoader loader) {
        int take = Math.min(elements, elementCount());
        PrimitiveKind kind = layout.kind();
        if (take == 0 && kind != PrimitiveKind.OBJECT) {
            return;
        }
        if (payload instanceof ArraySlicePayload slice && slice.kind() == kind) {
            if (layout.isContiguous()) {
                System.arraycopy(slice.array(), slice.offset(), array, offset, take);
                return;
            }
            int[] consumed = {slice.offset()};
            layout.forEachBlock(offset, count, take, (start, length) -> {
                System.arraycopy(slice.array(), consumed[0], array, start, length);
                consumed[0] += length;
            });
            return;
        }
        ByteBuffer src = payload.bytes();
        if (kind == PrimitiveKind.OBJECT) {
            ObjectCodec.decode(src, loader, (Object[]) array, offset, count, layout, take);
            return;
        }
        layout.forEachBlock(offset, count, take, (start, length) -> kind.unpack(src, array, start, length));
    }
}
