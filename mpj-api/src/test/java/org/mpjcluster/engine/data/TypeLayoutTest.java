package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Flattening of type maps: the blocks in type map order, bounds from elements or from sticky
 * markers, and the element ranges a buffer of several items covers.
 */
class TypeLayoutTest {

    private static final TypeLayout INT = TypeLayout.basic(PrimitiveKind.INT);
    private static final TypeLayout LB = TypeLayout.lowerBoundMarker();
    private static final TypeLayout UB = TypeLayout.upperBoundMarker();

    /** Elements 2, 3, 4 between a lower bound marker at -1 and an upper bound marker at 7. */
    private static final TypeLayout MARKED = TypeLayout.struct(new TypeLayout[] {LB, INT, UB},
        new int[] {-1, 2, 7}, new int[] {1, 3, 1});

    @Test
    void takesTheBoundsFromTheElementsWhenThereAreNoMarkers() {
        TypeLayout layout = TypeLayout.blocks(INT, new int[] {4, -3}, new int[] {1, 2});
        assertBounds(layout, 3, -3, 5);
        assertEquals(List.of(4, -3, -2), covered(layout, 0, 1), "type map order, not sorted");
        assertFalse(layout.hasExplicitLowerBound() || layout.hasExplicitUpperBound());
    }

    @Test
    void takesTheBoundsFromMarkersWhichStickThroughEveryLaterConstruction() {
        assertBounds(MARKED, 3, -1, 7);
        TypeLayout two = TypeLayout.contiguous(2, MARKED);
        assertBounds(two, 6, -1, 15);
        assertEquals(List.of(2, 3, 4, 10, 11, 12), covered(two, 0, 1));
        // An element beyond the upper marker does not move it: only markers count once there is one.
        TypeLayout withElementBeyond = TypeLayout.struct(new TypeLayout[] {two, INT}, new int[] {0, 20},
            new int[] {1, 1});
        assertBounds(withElementBeyond, 7, -1, 15);
        assertTrue(withElementBeyond.hasExplicitLowerBound() && withElementBeyond.hasExplicitUpperBound());
    }

    @Test
    void mixesOneMarkerWithBoundsFromTheElementsOnTheOtherSide() {
        TypeLayout resized = TypeLayout.struct(new TypeLayout[] {INT, UB}, new int[] {0, 1}, new int[] {4, 1});
        assertBounds(resized, 4, 0, 1);
        assertEquals(List.of(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5), covered(resized, 0, 3),
            "items one element apart, overlapping");
        TypeLayout lowered = TypeLayout.struct(new TypeLayout[] {LB, INT}, new int[] {-2, 3}, new int[] {1, 2});
        assertBounds(lowered, 2, -2, 5);
    }

    @Test
    void layoutsOfMarkersAloneHaveNoKindAndBothBoundsAtTheMarker() {
        assertAll(
            () -> assertNull(LB.kind()),
            () -> assertBounds(LB, 0, 0, 0),
            () -> assertBounds(UB, 0, 0, 0),
            () -> assertBounds(TypeLayout.struct(new TypeLayout[] {LB}, new int[] {5}, new int[] {1}), 0, 5, 5),
            () -> assertBounds(TypeLayout.struct(new TypeLayout[] {UB}, new int[] {5}, new int[] {1}), 0, 5, 5),
            () -> assertBounds(TypeLayout.struct(new TypeLayout[] {LB, UB}, new int[] {-4, 6}, new int[] {1, 1}),
                0, -4, 6),
            () -> assertEquals(PrimitiveKind.INT, TypeLayout.struct(new TypeLayout[] {LB, INT}, new int[] {0, 0},
                new int[] {1, 1}).kind()));
    }

    @Test
    void anEmptyLayoutHasZeroBoundsAndTouchesNoElementWhateverTheCount() {
        TypeLayout empty = TypeLayout.contiguous(0, INT);
        assertBounds(empty, 0, 0, 0);
        TypeLayout zeroBlocks = TypeLayout.blocks(INT, new int[] {-5, 9}, new int[] {0, 0});
        assertBounds(zeroBlocks, 0, 0, 0);
        assertEquals(PrimitiveKind.INT, TypeLayout.blocks(INT, new int[0], new int[0]).kind(),
            "no blocks still have the base's kind");
        assertNull(TypeLayout.struct(new TypeLayout[0], new int[0], new int[0]).kind());
        TypeLayout emptyButWide = TypeLayout.struct(new TypeLayout[] {LB, empty, UB}, new int[] {0, 0, 10},
            new int[] {1, 1, 1});
        assertEquals(10, emptyButWide.extent());
        assertEquals(7, emptyButWide.firstIndex(7, 100));
        assertEquals(7, emptyButWide.endIndex(7, 100));
        assertEquals(List.of(), covered(emptyButWide, 7, 100));
    }

    @Test
    void mergesBlocksThatTouchInTypeMapOrderButKeepsTheOrder() {
        TypeLayout layout = TypeLayout.blocks(INT, new int[] {0, 1, 5, 4}, new int[] {1, 3, 1, 1});
        assertEquals(3, layout.blockCount(), layout.toString());
        assertEquals(List.of(0, 1, 2, 3, 5, 4), covered(layout, 0, 1));
        assertTrue(TypeLayout.contiguous(3, TypeLayout.contiguous(2, INT)).isContiguous());
    }

    @Test
    void copiesOfADenseItemBecomeOneBlockWithoutVisitingEachCopy() {
        TypeLayout big = assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
            TypeLayout.contiguous(1 << 30, TypeLayout.contiguous(1, TypeLayout.basic(PrimitiveKind.BYTE))));
        assertEquals(1, big.blockCount());
        assertEquals(1 << 30, big.size());
        assertTrue(big.isContiguous());
    }

    @Test
    void rejectsMixedKindsNegativeLengthsAndSizesBeyondAnInt() {
        TypeLayout doubles = TypeLayout.basic(PrimitiveKind.DOUBLE);
        assertThrows(IllegalArgumentException.class, () ->
            TypeLayout.struct(new TypeLayout[] {INT, LB, doubles}, new int[] {0, 0, 1}, new int[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> TypeLayout.blocks(INT, new int[] {0}, new int[] {-1}));
        TypeLayout huge = TypeLayout.contiguous(1 << 30, INT);
        assertThrows(IllegalArgumentException.class, () -> TypeLayout.contiguous(2, huge));
        assertThrows(IllegalArgumentException.class, () ->
            TypeLayout.blocks(INT, new int[] {Integer.MAX_VALUE}, new int[] {2}));
    }

    @Test
    void firstAndEndIndexAreTheElementsTouchedNotTheBounds() {
        // Elements -3, -2 and 4; extent 8; markers far outside do not count.
        TypeLayout gapped = TypeLayout.blocks(INT, new int[] {-3, 4}, new int[] {2, 1});
        assertEquals(10 - 3, gapped.firstIndex(10, 3));
        assertEquals(10 + 2 * 8 + 5, gapped.endIndex(10, 3));
        assertIndexRangeMatchesCoveredElements(gapped, 10, 3);
        TypeLayout wideMarkers = TypeLayout.struct(new TypeLayout[] {LB, gapped, UB}, new int[] {-50, 0, 50},
            new int[] {1, 1, 1});
        assertEquals(100, wideMarkers.extent());
        assertEquals(-3, wideMarkers.firstIndex(0, 1));
        assertEquals(5, wideMarkers.endIndex(0, 1));
        TypeLayout backwards = TypeLayout.struct(new TypeLayout[] {LB, INT}, new int[] {5, 0}, new int[] {1, 2});
        assertEquals(-3, backwards.extent(), "an upper bound below the lower bound gives a negative extent");
        assertIndexRangeMatchesCoveredElements(backwards, 20, 4);
    }

    @Test
    void visitsFromAnyElementForAnyLimitAcrossItems() {
        TypeLayout gapped = TypeLayout.struct(new TypeLayout[] {INT, INT, UB}, new int[] {3, 0, 9},
            new int[] {2, 1, 1});
        int items = 3;
        List<Integer> all = covered(gapped, 5, items);
        assertEquals(9, all.size());
        for (int skip = 0; skip <= all.size(); skip++) {
            for (int limit = 0; limit <= all.size() + 1; limit++) {
                List<Integer> part = new ArrayList<>();
                gapped.forEachBlock(5, items, skip, limit, collectInto(part));
                assertEquals(all.subList(skip, Math.min(all.size(), skip + limit)), part,
                    "skip " + skip + ", limit " + limit);
            }
        }
        List<Integer> dense = new ArrayList<>();
        TypeLayout.contiguous(4, INT).forEachBlock(2, 3, 5, 4, collectInto(dense));
        assertEquals(List.of(7, 8, 9, 10), dense);
    }

    @Test
    void aNegativeStrideVisitsBlocksBackwardsInTypeMapOrder() {
        TypeLayout backwards = TypeLayout.blocks(INT, new int[] {0, -3, -6}, new int[] {2, 2, 2});
        assertBounds(backwards, 6, -6, 2);
        assertEquals(List.of(6, 7, 3, 4, 0, 1, 14, 15, 11, 12, 8, 9), covered(backwards, 6, 2));
        assertIndexRangeMatchesCoveredElements(backwards, 6, 2);
    }

    private static void assertBounds(TypeLayout layout, int size, int lowerBound, int upperBound) {
        assertEquals(List.of(size, lowerBound, upperBound, upperBound - lowerBound),
            List.of(layout.size(), layout.lowerBound(), layout.upperBound(), layout.extent()),
            "size, lb, ub, extent of " + layout);
    }

    private static void assertIndexRangeMatchesCoveredElements(TypeLayout layout, int offset, int count) {
        List<Integer> indices = covered(layout, offset, count);
        assertEquals(indices.stream().mapToInt(Integer::intValue).min().orElseThrow(),
            layout.firstIndex(offset, count), "first index");
        assertEquals(indices.stream().mapToInt(Integer::intValue).max().orElseThrow() + 1,
            layout.endIndex(offset, count), "end index");
    }

    private static List<Integer> covered(TypeLayout layout, int offset, int count) {
        List<Integer> indices = new ArrayList<>();
        layout.forEachBlock(offset, count, Integer.MAX_VALUE, collectInto(indices));
        return indices;
    }

    private static TypeLayout.BlockVisitor collectInto(List<Integer> indices) {
        return (start, length) -> IntStream.range(start, start + length).forEach(indices::add);
    }
}
