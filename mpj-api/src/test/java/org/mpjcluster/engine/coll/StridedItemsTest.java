package org.mpjcluster.engine.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import org.junit.jupiter.api.Test;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * Items whose elements are not contiguous (as a vector datatype lays them out) are combined,
 * copied and given scratch space element by element of their blocks, never touching the gaps.
 */
class StridedItemsTest {

    /** Two ints per item, at elements 0 and 2 of a 4-element extent. */
    private static final TypeLayout STRIDED = TypeLayout.blocks(TypeLayout.basic(PrimitiveKind.INT),
        new int[] {0, 2}, new int[] {1, 1}, 0, 4);

    @Test
    void aPredefinedOperationCombinesOnlyTheItemsElements() {
        int[] in = {1, 100, 2, 100, 3, 100, 4, 100};
        int[] inout = {10, -1, 20, -1, 30, -1, 40, -1};

        Reduction.predefined(Operator.SUM, STRIDED).combine(in, 0, inout, 0, 2);

        assertArrayEquals(new int[] {11, -1, 22, -1, 33, -1, 44, -1}, inout);
    }

    @Test
    void aUserOperationWithThreeOperandsCopiesTheRightOperandThenCombines() {
        int[] a = {1, 100, 2, 100};
        int[] b = {10, 100, 20, 100};
        int[] out = {-1, -1, -1, -1};
        Reduction shiftAndAdd = Reduction.userDefined((in, inOffset, inout, inoutOffset, count) -> {
            int[] x = (int[]) in;
            int[] y = (int[]) inout;
            y[inoutOffset] = x[inOffset] * 1000 + y[inoutOffset];
            y[inoutOffset + 2] = x[inOffset + 2] * 1000 + y[inoutOffset + 2];
        }, false, STRIDED);

        shiftAndAdd.combine(new Items(a, 0, STRIDED), 0, new Items(b, 0, STRIDED), 0, new Items(out, 0, STRIDED), 0, 1);

        assertArrayEquals(new int[] {1010, -1, 2020, -1}, out);
    }

    @Test
    void copiesBetweenLayoutsMoveTheElementsInOrder() {
        int[] strided = {1, 0, 2, 0, 3, 0, 4, 0};
        int[] packed = new int[5];

        int excess = Items.copy(new MessageBuffer(strided, 0, 2, STRIDED),
            new MessageBuffer(packed, 1, 3, TypeLayout.basic(PrimitiveKind.INT)));

        assertEquals(1, excess, "four elements into three");
        assertArrayEquals(new int[] {0, 1, 2, 3, 0}, packed);
    }

    @Test
    void scratchSpaceCoversEveryItemOfTheLayout() {
        Items room = Scratch.items(Scratch.SPARE, STRIDED, 3);

        assertEquals(0, room.offset());
        assertTrue(Array.getLength(room.array()) >= 11, "three items end at element 2 * 4 + 3");
    }
}
