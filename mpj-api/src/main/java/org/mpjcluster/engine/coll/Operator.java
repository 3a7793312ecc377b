package org.mpjcluster.engine.coll;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * The predefined reduction operations, each defined once by its arithmetic on the {@code int},
 * {@code long} and {@code double} families, with the kinds it applies to. All are commutative.
 */
public enum Operator {
    /** Maximum. */
    MAX(Math::max, Math::max, Math::max, Families.NUMBERS),
    /** Minimum. */
    MIN(Math::min, Math::min, Math::min, Families.NUMBERS),
    /** Sum (integers wrap around). */
    SUM(Integer::sum, Long::sum, Double::sum, Families.NUMBERS),
    /** Product (integers wrap around). */
    PROD((x, y) -> x * y, (x, y) -> x * y, (x, y) -> x * y, Families.NUMBERS),
    /** Logical and; integers count as true when not zero, and give 1 or 0. */
    LAND((x, y) -> x != 0 && y != 0 ? 1 : 0, (x, y) -> x != 0 && y != 0 ? 1 : 0, null, Families.LOGICAL),
    /** Bitwise and. */
    BAND((x, y) -> x & y, (x, y) -> x & y, null, Families.LOGICAL),
    /** Logical or. */
    LOR((x, y) -> x != 0 || y != 0 ? 1 : 0, (x, y) -> x != 0 || y != 0 ? 1 : 0, null, Families.LOGICAL),
    /** Bitwise or. */
    BOR((x, y) -> x | y, (x, y) -> x | y, null, Families.LOGICAL),
    /** Logical exclusive or. */
    LXOR((x, y) -> (x != 0) != (y != 0) ? 1 : 0, (x, y) -> (x != 0) != (y != 0) ? 1 : 0, null, Families.LOGICAL),
    /** Bitwise exclusive or. */
    BXOR((x, y) -> x ^ y, (x, y) -> x ^ y, null, Families.LOGICAL),
    /** The greatest value of (value, index) pairs, with the lowest index among equal values. */
    MAXLOC(null, null, null, Families.PAIRS),
    /** The smallest value of (value, index) pairs, with the lowest index among equal values. */
    MINLOC(null, null, null, Families.PAIRS);

    /** The kinds each family of operations applies to. */
    private static final class Families {
        static final Set<PrimitiveKind> NUMBERS = EnumSet.of(PrimitiveKind.BYTE, PrimitiveKind.CHAR,
            PrimitiveKind.SHORT, PrimitiveKind.INT, PrimitiveKind.LONG, PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE);
        static final Set<PrimitiveKind> LOGICAL = EnumSet.of(PrimitiveKind.BOOLEAN, PrimitiveKind.BYTE,
            PrimitiveKind.CHAR, PrimitiveKind.SHORT, PrimitiveKind.INT, PrimitiveKind.LONG);
        static final Set<PrimitiveKind> PAIRS = EnumSet.of(PrimitiveKind.SHORT, PrimitiveKind.INT,
            PrimitiveKind.LONG, PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE);
    }

    private final IntBinaryOperator ints;
    private final LongBinaryOperator longs;
    private final DoubleBinaryOperator doubles;
    private final Set<PrimitiveKind> kinds;

    Operator(IntBinaryOperator ints, LongBinaryOperator longs, DoubleBinaryOperator doubles,
             Set<PrimitiveKind> kinds) {
        this.ints = ints;
        this.longs = longs;
        this.doubles = doubles;
        this.kinds = kinds;
    }

    /**
     * Whether the operation applies to items of {@code layout}: its kind is one the operation
     * takes, and for MAXLOC and MINLOC, an item holds whole (value, index) pairs.
     */
    public boolean appliesTo(TypeLayout layout) {
        return kinds.contains(layout.kind()) && (!isLocation() || layout.size() % 2 == 0);
    }

    /** What the operation needs, for error messages: "numbers", "booleans or integers", "pairs". */
    public String domain() {
        if (isLocation()) {
            return "(value, index) pairs of short, int, long, float or double, such as MPI.INT2";
        }
        return kinds == Families.NUMBERS ? "byte, char, short, int, long, float or double elements"
            : "boolean, byte, char, short, int or long elements";
    }

    private boolean isLocation() {
        return this == MAXLOC || this == MINLOC;
    }

    /** The loop applying this operation to elements of {@code kind}, which it must apply to. */
    Kernel kernel(PrimitiveKind kind) {
        if (isLocation()) {
            return Kernels.locations(kind, this == MAXLOC);
        }
        return Kernels.elementwise(kind, ints, longs, doubles);
    }
}
