package org.mpjcluster.engine.coll;

import java.lang.reflect.Array;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * Working arrays for the collective calls of one thread, kept between calls so that a large
 * collective does not allocate (and zero) megabytes each time. A call uses a few numbered slots;
 * an array stays valid until the thread asks for the same slot again. Arrays of objects are never
 * kept, so that they do not hold on to user objects, nor arrays beyond {@link #MAX_KEPT_BYTES}.
 */
final class Scratch {

    /** Slot of the main working array of a call. */
    static final int WORK = 0;
    /** Slot of the array incoming data lands in before it is combined. */
    static final int INCOMING = 1;
    /** Slot of a second working array. */
    static final int SPARE = 2;
    private static final int SLOTS = 3;
    private static final long MAX_KEPT_BYTES = 64L << 20;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final Object[] kept = new Object[SLOTS];

    private Scratch() {
    }

    /** Room for {@code count} items of {@code layout} in {@code slot} of the calling thread. */
    static Items items(int slot, TypeLayout layout, int count) {
        Scratch scratch = PER_THREAD.get();
        return Items.room(layout, count, length -> scratch.array(slot, layout.kind(), length));
    }

    /** Room for {@code count} elements of {@code kind} in {@code slot} of the calling thread. */
    static Items elements(int slot, PrimitiveKind kind, int count) {
        return Items.elements(kind, PER_THREAD.get().array(slot, kind, count), 0);
    }

    private Object array(int slot, PrimitiveKind kind, int length) {
        Object array = kept[slot];
        if (kind.holds(array) && Array.getLength(array) >= length) {
            return array;
        }
        array = kind.newArray(length);
        if (kind != PrimitiveKind.OBJECT && (long) length * kind.byteSize() <= MAX_KEPT_BYTES) {
            kept[slot] = array;
        }
        return array;
    }
}
