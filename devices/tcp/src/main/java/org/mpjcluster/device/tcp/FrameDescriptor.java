package org.mpjcluster.device.tcp;

import java.nio.ByteBuffer;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.PayloadView;

/**
 * The header every frame carries on a tcp connection, little-endian, followed by
 * {@code payloadLength} bytes of body:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        payload length                         |  0
 *  +---------------+---------------+---------------+---------------+
 *  |     type      |     kind      |     flags     |   reserved    |  4
 *  +---------------+---------------+---------------+---------------+
 *  |                            context                            |  8
 *  +---------------------------------------------------------------+
 *  |                            source                             | 12
 *  +---------------------------------------------------------------+
 *  |                              tag                              | 16
 *  +---------------------------------------------------------------+
 *  |                         element count                         | 20
 *  +---------------------------------------------------------------+
 *  |                           byte size                           | 24
 *  +---------------------------------------------------------------+
 *  |                      reserved (must be 0)                     | 28
 *  +---------------------------------------------------------------+
 *  |                           sequence                            | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          send handle                          | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        receive handle                         | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+  56
 * </pre>
 *
 * <p>{@code type} is {@link #TYPE_FRAME} for a {@link Frame} (whose engine {@code kind} is opaque
 * here) or {@link #TYPE_GOODBYE}, the last frame of a peer that closes normally. {@code flags} bit
 * 0 says the frame has a payload, which may be empty. The accessors read a header at an absolute
 * position, so a reader decodes in place without copying.
 */
final class FrameDescriptor {

    /** Bytes in a header. */
    static final int LENGTH = 56;
    /** A frame of the engine. */
    static final byte TYPE_FRAME = 1;
    /** The sender closes its device normally; nothing follows. */
    static final byte TYPE_GOODBYE = 2;

    private static final int PAYLOAD_LENGTH_OFFSET = 0;
    private static final int TYPE_OFFSET = 4;
    private static final int KIND_OFFSET = 5;
    private static final int FLAGS_OFFSET = 6;
    private static final int RESERVED_BYTE_OFFSET = 7;
    private static final int CONTEXT_OFFSET = 8;
    private static final int SOURCE_OFFSET = 12;
    private static final int TAG_OFFSET = 16;
    private static final int ELEMENT_COUNT_OFFSET = 20;
    private static final int BYTE_SIZE_OFFSET = 24;
    private static final int RESERVED_INT_OFFSET = 28;
    private static final int SEQUENCE_OFFSET = 32;
    private static final int SEND_HANDLE_OFFSET = 40;
    private static final int RECEIVE_HANDLE_OFFSET = 48;
    private static final byte HAS_PAYLOAD = 1;

    private FrameDescriptor() {
    }

    /** Writes the header of {@code frame} at {@code buffer}'s position and advances it. */
    static void encodeFrame(ByteBuffer buffer, Frame frame) {
        int at = buffer.position();
        boolean hasPayload = frame.payload() != null;
        buffer.putInt(at + PAYLOAD_LENGTH_OFFSET, hasPayload ? frame.payload().byteSize() : 0)
            .put(at + TYPE_OFFSET, TYPE_FRAME)
            .put(at + KIND_OFFSET, frame.kind())
            .put(at + FLAGS_OFFSET, hasPayload ? HAS_PAYLOAD : 0)
            .put(at + RESERVED_BYTE_OFFSET, (byte) 0)
            .putInt(at + CONTEXT_OFFSET, frame.context())
            .putInt(at + SOURCE_OFFSET, frame.source())
            .putInt(at + TAG_OFFSET, frame.tag())
            .putInt(at + ELEMENT_COUNT_OFFSET, frame.elementCount())
            .putInt(at + BYTE_SIZE_OFFSET, frame.byteSize())
            .putInt(at + RESERVED_INT_OFFSET, 0)
            .putLong(at + SEQUENCE_OFFSET, frame.sequence())
            .putLong(at + SEND_HANDLE_OFFSET, frame.sendHandle())
            .putLong(at + RECEIVE_HANDLE_OFFSET, frame.receiveHandle());
        buffer.position(at + LENGTH);
    }

    /** Writes a goodbye header at {@code buffer}'s position and advances it. */
    static void encodeGoodbye(ByteBuffer buffer) {
        int at = buffer.position();
        for (int i = 0; i < LENGTH; i += Long.BYTES) {
            buffer.putLong(at + i, 0L);
        }
        buffer.put(at + TYPE_OFFSET, TYPE_GOODBYE);
        buffer.position(at + LENGTH);
    }

    /**
     * Checks the header at {@code at}; returns {@code null} if it is well formed, otherwise what
     * is wrong with it.
     */
    static String violation(ByteBuffer buffer, int at, int maxFrameBytes) {
        int length = payloadLength(buffer, at);
        byte type = type(buffer, at);
        byte flags = buffer.get(at + FLAGS_OFFSET);
        if (type != TYPE_FRAME && type != TYPE_GOODBYE) {
            return "unknown frame type " + type;
        }
        if (length < 0 || length > maxFrameBytes) {
            return "payload length " + Integer.toUnsignedString(length) + " outside 0.." + maxFrameBytes;
        }
        if ((flags & ~HAS_PAYLOAD) != 0 || buffer.get(at + RESERVED_BYTE_OFFSET) != 0
            || buffer.getInt(at + RESERVED_INT_OFFSET) != 0) {
            return "reserved bits set";
        }
        if ((flags & HAS_PAYLOAD) == 0 && length != 0) {
            return "a frame without payload announces " + length + " payload bytes";
        }
        if (buffer.getInt(at + ELEMENT_COUNT_OFFSET) < 0 || buffer.getInt(at + BYTE_SIZE_OFFSET) < 0) {
            return "negative element count or byte size";
        }
        if (type == TYPE_GOODBYE && (flags != 0 || length != 0)) {
            return "a goodbye with a payload";
        }
        return null;
    }

    /** The payload length of the header at {@code at}. */
    static int payloadLength(ByteBuffer buffer, int at) {
        return buffer.getInt(at + PAYLOAD_LENGTH_OFFSET);
    }

    /** The type of the header at {@code at}. */
    static byte type(ByteBuffer buffer, int at) {
        return buffer.get(at + TYPE_OFFSET);
    }

    /** Whether the header at {@code at} announces a payload. */
    static boolean hasPayload(ByteBuffer buffer, int at) {
        return (buffer.get(at + FLAGS_OFFSET) & HAS_PAYLOAD) != 0;
    }

    /** The frame whose (well-formed) header is at {@code at}, with {@code payload}. */
    static Frame decodeFrame(ByteBuffer buffer, int at, PayloadView payload) {
        return new Frame(buffer.get(at + KIND_OFFSET), buffer.getInt(at + CONTEXT_OFFSET),
            buffer.getInt(at + SOURCE_OFFSET), buffer.getInt(at + TAG_OFFSET),
            buffer.getLong(at + SEQUENCE_OFFSET), buffer.getInt(at + ELEMENT_COUNT_OFFSET),
            buffer.getInt(at + BYTE_SIZE_OFFSET), buffer.getLong(at + SEND_HANDLE_OFFSET),
            buffer.getLong(at + RECEIVE_HANDLE_OFFSET), payload);
    }
}
