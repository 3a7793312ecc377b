package org.mpjcluster.engine.coll;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.mpjcluster.engine.data.ArraySlicePayload;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * Items of one layout in an array, addressed by item index: a user's buffer, or scratch space.
 *
 * @param array  the array
 * @param offset element index of item 0
 * @param layout the layout of one item
 */
record Items(Object array, int offset, TypeLayout layout) {

    private static final Map<PrimitiveKind, TypeLayout> ELEMENTS = new EnumMap<>(PrimitiveKind.class);

    static {
        for (PrimitiveKind kind : PrimitiveKind.values()) {
            ELEMENTS.put(kind, TypeLayout.basic(kind));
        }
    }

    /** The items of a user's buffer, from its first item. */
    static Items of(MessageBuffer buffer) {
        return new Items(buffer.array(), buffer.offset(), buffer.layout());
    }

    /** The elements of {@code array} from {@code offset}, one element per item. */
    static Items elements(PrimitiveKind kind, Object array, int offset) {
        return new Items(array, offset, ELEMENTS.get(kind));
    }

    /**
     * Room for {@code count} items of {@code layout} in the array {@code arrayOfLength} gives for the
     * number of elements they span (more, if the layout reaches below its first element).
     */
    static Items room(TypeLayout layout, int count, IntFunction<Object> arrayOfLength) {
        long first = layout.firstIndex(0, count);
        int offset = (int) Math.max(0, -first);
        int length = Math.toIntExact(offset + layout.endIndex(0, count));
        return new Items(arrayOfLength.apply(length), offset, layout);
    }

    /** Element index where item {@code item} starts. */
    int elementAt(int item) {
        return offset + item * layout.extent();
    }

    /** {@code count} items from item {@code first}, as a message buffer. */
    MessageBuffer slice(int first, int count) {
        return new MessageBuffer(array, elementAt(first), count, layout);
    }

    /** Copies {@code count} items between two arrays of the same layout. */
    static void copy(Items from, int fromItem, Items to, int toItem, int count) {
        TypeLayout layout = from.layout;
        int source = from.elementAt(fromItem);
        int target = to.elementAt(toItem);
        if (layout.isContiguous()) {
            System.arraycopy(from.array, source, to.array, target, count * layout.size());
            return;
        }
        layout.forEachBlock(0, count, count * layout.size(), (start, length) ->
            System.arraycopy(from.array, source + start, to.array, target + start, length));
    }

    /**
     * Copies the base elements of {@code from} into {@code to}, whose layouts may differ but whose
     * kind is the same, as a message between them would; returns how many elements {@code from}
     * had beyond what {@code to} holds (0 if it all fitted).
     */
    static int copy(MessageBuffer from, MessageBuffer to) {
        PrimitiveKind kind = from.kind();
        int elements = from.elementCount();
        int stored = Math.min(elements, to.elementCount());
        Object packed = from.array();
        int start = from.offset();
        if (!from.layout().isContiguous()) {
            packed = kind.newArray(stored);
            start = 0;
            int[] filled = {0};
            Object source = from.array();
            Object target = packed;
            from.layout().forEachBlock(from.offset(), from.count(), stored, (first, length) -> {
                System.arraycopy(source, first, target, filled[0], length);
                filled[0] += length;
            });
        }
        to.unpack(new ArraySlicePayload(kind, packed, start, stored), stored, null);
        return elements - stored;
    }
}
