package org.mpjcluster.device.shm;

import java.nio.ByteBuffer;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.PayloadView;

/**
 * Layout of a frame copied into a {@link SlotRing}: a record that starts with the ring's stamp,
 * in native byte order except the payload, which keeps the little-endian wire form of
 * {@link Frame#payload()}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  ring stamp (64 bits)                         |  0
 *  |                  frame sequence (64 bits)                     |  8
 *  |                  send handle (64 bits)                        | 16
 *  |                  receive handle (64 bits)                     | 24
 *  +-------------------------------+-------------------------------+
 *  |  channel sequence             |  context                      | 32
 *  |  source                       |  tag                          | 40
 *  |  element count                |  byte size                    | 48
 *  |  payload length, -1 if none   |  kind         | short payload | 56
 *  +-------------------------------+-------------------------------+
 *  |  payload of more than 3 bytes, from the second cache line ... | 64
 * </pre>
 *
 * The ring gives every record whole slots of a cache line. A frame of up to
 * {@value #SHORT_PAYLOAD_BYTES} payload bytes is one line for the receiver to fetch; a longer
 * payload starts on the record's second line, so that the first line holds the envelope alone.
 * The writer fills the payload's lines first and the envelope last, just before the stamp: the
 * receiver polls the first line, and each write to it while the receiver polls costs a transfer
 * of the line between the two cores, so all of them come together at the end.
 */
final class RecordDescriptor {

    private static final int FRAME_SEQUENCE = SlotRing.STAMP_BYTES;
    private static final int SEND_HANDLE = 16;
    private static final int RECEIVE_HANDLE = 24;
    private static final int CHANNEL_SEQUENCE = 32;
    private static final int CONTEXT = 36;
    private static final int SOURCE = 40;
    private static final int TAG = 44;
    private static final int ELEMENT_COUNT = 48;
    private static final int BYTE_SIZE = 52;
    private static final int PAYLOAD_LENGTH = 56;
    private static final int KIND = 60;
    private static final int SHORT_PAYLOAD = 61;
    private static final int LONG_PAYLOAD = SlotRing.SLOT_BYTES;
    private static final int SHORT_PAYLOAD_BYTES = LONG_PAYLOAD - SHORT_PAYLOAD;
    private static final int NO_PAYLOAD = -1;

    private RecordDescriptor() {
    }

    /** Bytes of the record of a frame with {@code payloadBytes} of payload. */
    static int recordBytes(int payloadBytes) {
        return payloadOffset(payloadBytes) + payloadBytes;
    }

    /** The largest payload that fits a record of at most {@code maxRecordBytes}, in whole slots. */
    static int maxPayloadBytes(int maxRecordBytes) {
        int wholeSlots = maxRecordBytes / SlotRing.SLOT_BYTES * SlotRing.SLOT_BYTES;
        return wholeSlots <= LONG_PAYLOAD ? Math.max(0, wholeSlots - SHORT_PAYLOAD) : wholeSlots - LONG_PAYLOAD;
    }

    /** Where in its record a payload of {@code length} bytes starts. */
    private static int payloadOffset(int length) {
        return length <= SHORT_PAYLOAD_BYTES ? SHORT_PAYLOAD : LONG_PAYLOAD;
    }

    /**
     * Writes {@code frame}, all but the stamp, into the record at {@code index}, payload first;
     * {@code window} is a view of the same memory as {@code ring}, whose position and limit the
     * copy leaves alone.
     */
    static void write(MutableDirectBuffer ring, ByteBuffer window, int index, int channelSequence, Frame frame) {
        int length = NO_PAYLOAD;
        if (frame.payload() != null) {
            length = frame.payload().byteSize();
            frame.payload().copyTo(0, window, index + payloadOffset(length), length);
        }
        ring.putLong(index + FRAME_SEQUENCE, frame.sequence());
        ring.putLong(index + SEND_HANDLE, frame.sendHandle());
        ring.putLong(index + RECEIVE_HANDLE, frame.receiveHandle());
        ring.putInt(index + CHANNEL_SEQUENCE, channelSequence);
        ring.putInt(index + CONTEXT, frame.context());
        ring.putInt(index + SOURCE, frame.source());
        ring.putInt(index + TAG, frame.tag());
        ring.putInt(index + ELEMENT_COUNT, frame.elementCount());
        ring.putInt(index + BYTE_SIZE, frame.byteSize());
        ring.putInt(index + PAYLOAD_LENGTH, length);
        ring.putByte(index + KIND, frame.kind());
    }

    /** The channel sequence of the record at {@code index}. */
    static int channelSequence(DirectBuffer ring, int index) {
        return ring.getInt(index + CHANNEL_SEQUENCE);
    }

    /** Bytes of the record at {@code index}. */
    static int recordBytesAt(DirectBuffer ring, int index) {
        return recordBytes(Math.max(0, ring.getInt(index + PAYLOAD_LENGTH)));
    }

    /**
     * The frame in the record at {@code index}; its payload is {@code view}, pointed at the ring
     * and valid until the record is released.
     */
    static Frame read(DirectBuffer ring, ByteBuffer bytes, int index, PayloadView view) {
        int length = ring.getInt(index + PAYLOAD_LENGTH);
        PayloadView payload = length == NO_PAYLOAD ? null : view.wrap(bytes, index + payloadOffset(length), length);
        return new Frame(ring.getByte(index + KIND), ring.getInt(index + CONTEXT), ring.getInt(index + SOURCE),
            ring.getInt(index + TAG), ring.getLong(index + FRAME_SEQUENCE), ring.getInt(index + ELEMENT_COUNT),
            ring.getInt(index + BYTE_SIZE), ring.getLong(index + SEND_HANDLE), ring.getLong(index + RECEIVE_HANDLE),
            payload);
    }
}
