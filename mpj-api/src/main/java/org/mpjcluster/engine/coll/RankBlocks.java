package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * A buffer divided into one block per rank, as the root of a gather or scatter and every rank of
 * an allgather or alltoall see it: block {@code i} is {@code counts[i]} items of {@code layout}
 * starting {@code displs[i]} items after element {@code offset} of {@code array}.
 *
 * @param array  the user's array
 * @param offset element index of item 0
 * @param layout the layout of one item
 * @param counts number of items of each rank's block
 * @param displs first item of each rank's block
 */
public record RankBlocks(Object array, int offset, TypeLayout layout, int[] counts, int[] displs) {

    /** Blocks of {@code count} items each, one after the other, for {@code ranks} ranks. */
    public static RankBlocks uniform(Object array, int offset, int count, TypeLayout layout, int ranks) {
        int[] counts = new int[ranks];
        int[] displs = new int[ranks];
        for (int rank = 0; rank < ranks; rank++) {
            counts[rank] = count;
            displs[rank] = rank * count;
        }
        return new RankBlocks(array, offset, layout, counts, displs);
    }

    /** The kind of the elements. */
    public PrimitiveKind kind() {
        return layout.kind();
    }

    /** The block of {@code rank}. */
    public MessageBuffer block(int rank) {
        return new MessageBuffer(array, offset + displs[rank] * layout.extent(), counts[rank], layout);
    }

    /** Number of base elements in the block of {@code rank}. */
    int elements(int rank) {
        return counts[rank] * layout.size();
    }

    /** Bytes of base elements in the largest block. */
    long largestBlockBytes() {
        long largest = 0;
        for (int rank = 0; rank < counts.length; rank++) {
            largest = Math.max(largest, Sizes.bytes(layout, counts[rank]));
        }
        return largest;
    }

    /** Bytes of base elements in all blocks. */
    long totalBytes() {
        long total = 0;
        for (int rank = 0; rank < counts.length; rank++) {
            total += Sizes.bytes(layout, counts[rank]);
        }
        return total;
    }
}
