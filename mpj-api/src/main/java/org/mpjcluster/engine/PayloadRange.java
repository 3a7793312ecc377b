package org.mpjcluster.engine;

import java.nio.ByteBuffer;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;

/** Bytes {@code [offset, offset + length)} of another payload, not copied: one chunk of a rendezvous body. */
final class PayloadRange implements Payload {

    private final Payload whole;
    private final int offset;
    private final int length;

    PayloadRange(Payload whole, int offset, int length) {
        this.whole = whole;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int byteSize() {
        return length;
    }

    @Override
    public void copyTo(int from, ByteBuffer dst, int at, int count) {
        whole.copyTo(offset + from, dst, at, count);
    }

    @Override
    public Payload retain() {
        byte[] copy = new byte[length];
        copyTo(0, ByteBuffer.wrap(copy), 0, length);
        return BytePayload.wrap(copy, 0, length);
    }
}
