package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * The dissemination barrier: in round {@code k} every rank signals the rank {@code 2^k} after it
 * and waits for the rank {@code 2^k} before it, so after {@code ceil(log2 p)} rounds every rank has
 * heard, directly or not, from every other. Works for any number of ranks.
 */
final class Barrier {

    private static final MessageBuffer NOTHING =
        new MessageBuffer(new byte[0], 0, 0, TypeLayout.basic(PrimitiveKind.BYTE));

    private Barrier() {
    }

    static void dissemination(Channel channel) {
        int size = channel.size;
        for (int distance = 1; distance < size; distance <<= 1) {
            channel.exchange(NOTHING, (channel.rank + distance) % size,
                NOTHING, Math.floorMod(channel.rank - distance, size));
        }
    }
}
