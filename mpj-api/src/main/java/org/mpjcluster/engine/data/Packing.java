package org.mpjcluster.engine.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import mpi.MPIException;
import org.mpjcluster.engine.ErrorClass;

/**
 * {@code Comm.Pack} and {@code Comm.Unpack}: the elements a buffer covers, written into or read
 * from a user's byte array at a position, so that several buffers of different types can travel in
 * one {@code MPI.PACKED} message.
 *
 * <p>Packed form, appended at the position by each {@code Pack} call:
 * <pre>
 * primitive kinds: the covered elements in type map order, little-endian, kind.byteSize() bytes
 *                  each: the bytes a message of the same buffer carries
 *
 * objects: one unit per Pack call
 *   0               4               8
 *   +---------------+---------------+------------------------------------------+
 *   | stream length | object count  | Java serialization stream of the objects |
 *   | int32 LE      | int32 LE      | (stream length bytes)                    |
 *   +---------------+---------------+------------------------------------------+
 * </pre>
 * An {@code Unpack} of objects reads whole units until it has its objects, so objects packed by
 * several calls can be unpacked by one, but a unit cannot be split between two {@code Unpack}
 * calls. Packing nothing (zero elements) writes nothing, for every kind.
 */
public final class Packing {

    /** Bytes of the header in front of each unit of packed objects. */
    public static final int OBJECT_UNIT_HEADER_BYTES = 2 * Integer.BYTES;

    private Packing() {
    }

    /**
     * Bytes that packing {@code count} items of {@code layout} takes; for objects, which vary,
     * {@code -1}.
     */
    public static long packedSize(TypeLayout layout, int count) {
        if (layout.size() == 0) {
            // Packing nothing writes nothing, and a layout without elements may have no kind.
            return 0;
        }
        if (layout.kind() == PrimitiveKind.OBJECT) {
            return -1;
        }
        return (long) count * layout.size() * layout.kind().byteSize();
    }

    /**
     * Packs the elements {@code in} covers into {@code out} from byte {@code position}; returns the
     * position after them.
     *
     * @throws MPIException {@code ERR_ARG} if the position is outside {@code out},
     *                      {@code ERR_BUFFER} if {@code out} is null or too small
     */
    public static int pack(MessageBuffer in, byte[] out, int position) {
        checkPosition("Pack", "outbuf", out, position);
        int elements = in.elementCount();
        if (elements == 0) {
            return position;
        }
        PrimitiveKind kind = in.kind();
        if (kind == PrimitiveKind.OBJECT) {
            byte[] stream = ObjectCodec.encode((Object[]) in.array(), in.offset(), in.count(), in.layout());
            ByteBuffer dst = room("Pack", out, position, OBJECT_UNIT_HEADER_BYTES + (long) stream.length,
                elements + " objects (serialized)");
            dst.putInt(stream.length).putInt(elements).put(stream);
            return dst.position();
        }
        ByteBuffer dst = room("Pack", out, position, (long) elements * kind.byteSize(),
            elements + " " + kind + " elements");
        in.layout().forEachBlock(in.offset(), in.count(), elements,
            (start, length) -> kind.pack(in.array(), start, length, dst));
        return dst.position();
    }

    /**
     * Unpacks from {@code in} at byte {@code position} the elements {@code out} covers; returns the
     * position after them. Objects are resolved through {@code loader}.
     *
     * @throws MPIException {@code ERR_ARG} if the position is outside {@code in},
     *                      {@code ERR_BUFFER} if {@code in} is null or holds too few bytes,
     *                      {@code ERR_TYPE} if the bytes are not packed objects where objects are
     *                      expected, or would split a unit of packed objects
     */
    public static int unpack(byte[] in, int position, MessageBuffer out, ClassLoader loader) {
        checkPosition("Unpack", "inbuf", in, position);
        int elements = out.elementCount();
        if (elements == 0) {
            return position;
        }
        PrimitiveKind kind = out.kind();
        if (kind == PrimitiveKind.OBJECT) {
            return unpackObjects(in, position, out, loader);
        }
        ByteBuffer src = available("Unpack", in, position, (long) elements * kind.byteSize(),
            elements + " " + kind + " elements");
        out.layout().forEachBlock(out.offset(), out.count(), elements,
            (start, length) -> kind.unpack(src, out.array(), start, length));
        return src.position();
    }

    private static int unpackObjects(byte[] in, int position, MessageBuffer out, ClassLoader loader) {
        int wanted = out.elementCount();
        int done = 0;
        int at = position;
        while (done < wanted) {
            ByteBuffer header = available("Unpack", in, at, OBJECT_UNIT_HEADER_BYTES,
                "the header of packed objects");
            int streamBytes = header.getInt();
            int objects = header.getInt();
            if (streamBytes < 0 || objects <= 0) {
                throw new MPIException(ErrorClass.TYPE, "Unpack: inbuf holds no packed objects at position " + at
                    + "; unpack the data in the order and with the types it was packed");
            }
            if (objects > wanted - done) {
                throw new MPIException(ErrorClass.TYPE, "Unpack: the objects at position " + at
                    + " were packed as one unit of " + objects + " but only " + (wanted - done)
                    + " more are to be unpacked; unpack each Pack call's objects in one call");
            }
            ByteBuffer stream = available("Unpack", in, header.position(), streamBytes,
                "a unit of " + objects + " packed objects");
            ObjectCodec.decode(stream.slice(), loader, (Object[]) out.array(), out.offset(), out.count(),
                out.layout(), done, objects);
            done += objects;
            at = header.position() + streamBytes;
        }
        return at;
    }

    private static void checkPosition(String call, String name, byte[] bytes, int position) {
        if (bytes == null) {
            throw new MPIException(ErrorClass.BUFFER, call + ": " + name + " is null");
        }
        if (position < 0 || position > bytes.length) {
            throw new MPIException(ErrorClass.ARG, call + ": position is " + position + " but " + name
                + " has " + bytes.length + " bytes; position must be 0.." + bytes.length);
        }
    }

    /** A little-endian view of {@code out} at {@code position} with room for {@code needed} bytes. */
    private static ByteBuffer room(String call, byte[] out, int position, long needed, String what) {
        if (position + needed > out.length) {
            throw new MPIException(ErrorClass.BUFFER, call + ": packing " + what + " at position " + position
                + " needs " + needed + " bytes, up to byte " + (position + needed) + ", but outbuf has "
                + out.length + " bytes; make outbuf larger (Pack_size tells how much)");
        }
        return ByteBuffer.wrap(out, position, (int) needed).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A little-endian view of {@code needed} bytes of {@code in} at {@code position}, which must hold them. */
    private static ByteBuffer available(String call, byte[] in, int position, long needed, String what) {
        if (position + needed > in.length) {
            throw new MPIException(ErrorClass.BUFFER, call + ": unpacking " + what + " at position " + position
                + " needs " + needed + " bytes, up to byte " + (position + needed) + ", but inbuf has only "
                + in.length + " bytes");
        }
        return ByteBuffer.wrap(in, position, (int) needed).order(ByteOrder.LITTLE_ENDIAN);
    }
}
