package org.mpjcluster.engine.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * The predefined operations apply to the kinds MPI defines them on, compute as the Java
 * arithmetic of the kind does, and MAXLOC and MINLOC break ties towards the lower index.
 */
class OperatorTest {

    private static final TypeLayout INTS = TypeLayout.basic(PrimitiveKind.INT);

    @Test
    void eachOperationAppliesToItsKindsOnly() {
        Set<PrimitiveKind> numbers = EnumSet.complementOf(EnumSet.of(PrimitiveKind.BOOLEAN, PrimitiveKind.OBJECT));
        Set<PrimitiveKind> logical = EnumSet.complementOf(EnumSet.of(PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE,
            PrimitiveKind.OBJECT));
        for (PrimitiveKind kind : PrimitiveKind.values()) {
            TypeLayout one = TypeLayout.basic(kind);
            TypeLayout pair = TypeLayout.contiguous(2, one);
            assertEquals(numbers.contains(kind), Operator.SUM.appliesTo(one), "SUM on " + kind);
            assertEquals(numbers.contains(kind), Operator.MAX.appliesTo(one), "MAX on " + kind);
            assertEquals(logical.contains(kind), Operator.BAND.appliesTo(one), "BAND on " + kind);
            assertEquals(logical.contains(kind), Operator.LXOR.appliesTo(one), "LXOR on " + kind);
            assertEquals(false, Operator.MAXLOC.appliesTo(one), "MAXLOC on single " + kind);
            boolean pairKind = EnumSet.of(PrimitiveKind.SHORT, PrimitiveKind.INT, PrimitiveKind.LONG,
                PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE).contains(kind);
            assertEquals(pairKind, Operator.MINLOC.appliesTo(pair), "MINLOC on pairs of " + kind);
        }
    }

    @Test
    void narrowKindsWrapAroundAsTheirJavaArithmeticDoes() {
        byte[] bytes = {(byte) 120, (byte) -128};
        byte[] more = {(byte) 10, (byte) -1};
        combine(Operator.SUM, TypeLayout.basic(PrimitiveKind.BYTE), bytes, more, 2);
        assertArrayEquals(new byte[] {(byte) 130, (byte) 127}, more);
        char[] chars = {65535, 3};
        char[] others = {2, 65534};
        combine(Operator.MAX, TypeLayout.basic(PrimitiveKind.CHAR), chars, others, 2);
        assertArrayEquals(new char[] {65535, 65534}, others, "chars compare unsigned");
        float[] floats = {1e8f, 0.1f};
        float[] smalls = {3f, 0.2f};
        combine(Operator.SUM, TypeLayout.basic(PrimitiveKind.FLOAT), floats, smalls, 2);
        assertArrayEquals(new float[] {1e8f + 3f, 0.1f + 0.2f}, smalls, "floats round as float arithmetic");
    }

    @Test
    void logicalOperationsTreatNonZeroAsTrueAndGiveOneOrZero() {
        int[] in = {0, 5, 5, 0};
        int[] inout = {0, 0, 7, 3};
        combine(Operator.LXOR, INTS, in, inout, 4);
        assertArrayEquals(new int[] {0, 1, 0, 1}, inout);
        boolean[] a = {true, true, false};
        boolean[] b = {true, false, false};
        combine(Operator.BOR, TypeLayout.basic(PrimitiveKind.BOOLEAN), a, b, 3);
        assertArrayEquals(new boolean[] {true, true, false}, b);
    }

    @Test
    void maxlocAndMinlocKeepTheLowerIndexAmongEqualValues() {
        TypeLayout pairs = TypeLayout.contiguous(2, INTS);
        int[] lower = {5, 3, 5, 3, 4, 3};
        int[] higher = {5, 1, 5, 9, 6, 1};
        int[] max = higher.clone();
        combine(Operator.MAXLOC, pairs, lower, max, 3);
        assertArrayEquals(new int[] {5, 1, 5, 3, 6, 1}, max);
        int[] min = higher.clone();
        combine(Operator.MINLOC, pairs, lower, min, 3);
        assertArrayEquals(new int[] {5, 1, 5, 3, 4, 3}, min);
    }

    private static void combine(Operator operator, TypeLayout layout, Object in, Object inout, int items) {
        Reduction.predefined(operator, layout).combine(in, 0, inout, 0, items);
    }
}
