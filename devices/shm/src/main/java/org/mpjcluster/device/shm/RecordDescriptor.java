package org.mpjcluster.device.shm;

import java.nio.ByteBuffer;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.PayloadView;

/**
 * Layout of a frame copied into a {@link Channel}'s ring. The ring adds its own 8-byte header
 * (record length, and a type that holds the frame kind); the record body follows, in native byte
 * order except the payload, which keeps the little-endian wire form of {@link Frame#payload()}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  frame sequence (64 bits)                     |  0
 *  |                  send handle (64 bits)                        |  8
 *  |                  receive handle (64 bits)                     | 16
 *  +-------------------------------+-------------------------------+
 *  |  channel sequence             |  context                      | 24
 *  |  source                       |  tag                          | 32
 *  |  element count                |  byte size                    | 40
 *  |  payload length, -1 if none   |  payload ...                  | 48
 *  +-------------------------------+-------------------------------+
 * </pre>
 *
 * Records are padded to whole cache lines, so a frame of up to {@value #ONE_LINE_PAYLOAD_BYTES}
 * payload bytes is one line for the receiver to fetch.
 */
final class RecordDescriptor {

    /** Bytes of a cache line; records start and end on line boundaries. */
    static final int CACHE_LINE_BYTES = 64;
    /** Bytes the ring puts in front of every record. */
    static final int RING_HEADER_BYTES = 8;

    private static final int FRAME_SEQUENCE = 0;
    private static final int SEND_HANDLE = 8;
    private static final int RECEIVE_HANDLE = 16;
    private static final int CHANNEL_SEQUENCE = 24;
    private static final int CONTEXT = 28;
    private static final int SOURCE = 32;
    private static final int TAG = 36;
    private static final int ELEMENT_COUNT = 40;
    private static final int BYTE_SIZE = 44;
    private static final int PAYLOAD_LENGTH = 48;
    private static final int PAYLOAD = 52;
    private static final int NO_PAYLOAD = -1;
    private static final int ONE_LINE_PAYLOAD_BYTES = CACHE_LINE_BYTES - RING_HEADER_BYTES - PAYLOAD;
    /** Ring types must be positive; kinds are any byte. */
    private static final int KIND_TO_TYPE = 1 - Byte.MIN_VALUE;

    private RecordDescriptor() {
    }

    /** Bytes to claim in the ring for a frame with {@code payloadBytes} of payload (padding included). */
    static int claimBytes(int payloadBytes) {
        int record = RING_HEADER_BYTES + PAYLOAD + payloadBytes;
        int lines = (record + CACHE_LINE_BYTES - 1) / CACHE_LINE_BYTES;
        return lines * CACHE_LINE_BYTES - RING_HEADER_BYTES;
    }

    /** The largest payload a ring whose records may be {@code maxRecordBytes} long can take inline. */
    static int maxPayloadBytes(int maxRecordBytes) {
        int lines = (maxRecordBytes + RING_HEADER_BYTES) / CACHE_LINE_BYTES;
        return Math.max(0, lines * CACHE_LINE_BYTES - RING_HEADER_BYTES - PAYLOAD);
    }

    /** The ring type that stands for frame kind {@code kind}. */
    static int typeOf(byte kind) {
        return kind + KIND_TO_TYPE;
    }

    /**
     * Writes {@code frame} at {@code index}, the start of a claimed record body; {@code window} is
     * a little-endian view of the same memory as {@code ring}, which this moves to the payload.
     */
    static void write(MutableDirectBuffer ring, ByteBuffer window, int index, int channelSequence, Frame frame) {
        ring.putLong(index + FRAME_SEQUENCE, frame.sequence());
        ring.putLong(index + SEND_HANDLE, frame.sendHandle());
        ring.putLong(index + RECEIVE_HANDLE, frame.receiveHandle());
        ring.putInt(index + CHANNEL_SEQUENCE, channelSequence);
        ring.putInt(index + CONTEXT, frame.context());
        ring.putInt(index + SOURCE, frame.source());
        ring.putInt(index + TAG, frame.tag());
        ring.putInt(index + ELEMENT_COUNT, frame.elementCount());
        ring.putInt(index + BYTE_SIZE, frame.byteSize());
        if (frame.payload() == null) {
            ring.putInt(index + PAYLOAD_LENGTH, NO_PAYLOAD);
            return;
        }
        int length = frame.payload().byteSize();
        ring.putInt(index + PAYLOAD_LENGTH, length);
        window.clear().position(index + PAYLOAD).limit(index + PAYLOAD + length);
        frame.payload().copyTo(0, window);
    }

    /** The channel sequence of the record body at {@code index}. */
    static int channelSequence(DirectBuffer ring, int index) {
        return ring.getInt(index + CHANNEL_SEQUENCE);
    }

    /**
     * The frame in the record body at {@code index}; its payload is {@code view}, pointed at the
     * ring and valid until the record is released.
     */
    static Frame read(DirectBuffer ring, ByteBuffer bytes, int type, int index, PayloadView view) {
        int length = ring.getInt(index + PAYLOAD_LENGTH);
        PayloadView payload = length == NO_PAYLOAD ? null : view.wrap(bytes, index + PAYLOAD, length);
        return new Frame((byte) (type - KIND_TO_TYPE), ring.getInt(index + CONTEXT), ring.getInt(index + SOURCE),
            ring.getInt(index + TAG), ring.getLong(index + FRAME_SEQUENCE), ring.getInt(index + ELEMENT_COUNT),
            ring.getInt(index + BYTE_SIZE), ring.getLong(index + SEND_HANDLE), ring.getLong(index + RECEIVE_HANDLE),
            payload);
    }
}
