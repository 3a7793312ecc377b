package org.mpjcluster.engine;

import java.nio.ByteBuffer;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * The body of a rendezvous message arriving over a byte device in chunks. Where the receive buffer
 * is a plain run of primitives, each chunk is copied into place as it arrives, while the next one
 * is still on its way; otherwise (derived layouts, objects) the chunks are gathered and unpacked
 * once the last has come.
 */
final class ArrivingBody {

    private final MessageBuffer buffer;
    private final int incomingElements;
    private final int totalBytes;
    private final byte[] gathered;
    private int arrivedBytes;

    /**
     * A body of {@code totalBytes} holding {@code incomingElements} base elements (as
     * {@link MessageBuffer#incomingElements} counts them) for {@code buffer}.
     */
    ArrivingBody(MessageBuffer buffer, int incomingElements, int totalBytes) {
        this.buffer = buffer;
        this.incomingElements = incomingElements;
        this.totalBytes = totalBytes;
        this.gathered = buffer.unpacksInPlace() ? null : new byte[totalBytes];
    }

    /** Takes the chunk at byte {@code offset}; returns whether the body is now complete. */
    boolean take(Payload chunk, int offset) {
        if (gathered == null) {
            buffer.unpackChunk(chunk, offset, incomingElements);
        } else {
            chunk.copyTo(0, ByteBuffer.wrap(gathered), offset, chunk.byteSize());
        }
        arrivedBytes += chunk.byteSize();
        return arrivedBytes >= totalBytes;
    }

    /** The gathered body, for a buffer that does not take chunks in place; {@code null} otherwise. */
    Payload gathered() {
        return gathered == null ? null : BytePayload.wrap(gathered, 0, totalBytes);
    }
}
