package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.TypeLayout;

/**
 * A reduction operation bound to the datatype of one call: combines items of {@link #layout()}
 * at element offsets in arrays of its kind.
 */
public abstract sealed class Reduction {

    private final TypeLayout layout;
    private final boolean commutative;

    private Reduction(TypeLayout layout, boolean commutative) {
        this.layout = layout;
        this.commutative = commutative;
    }

    /** {@code operator} on items of {@code layout}, which it must {@linkplain Operator#appliesTo apply to}. */
    public static Reduction predefined(Operator operator, TypeLayout layout) {
        if (!operator.appliesTo(layout)) {
            throw new IllegalArgumentException(operator + " does not apply to " + layout.kind());
        }
        return new Predefined(operator.kernel(layout.kind()), layout);
    }

    /** A user's function on items of {@code layout}. */
    public static Reduction userDefined(UserCombiner combiner, boolean commutative, TypeLayout layout) {
        return new UserDefined(combiner, commutative, layout);
    }

    /** The layout of the items combined. */
    public final TypeLayout layout() {
        return layout;
    }

    /** Whether operands may be combined in any order; otherwise they are combined in rank order. */
    public final boolean isCommutative() {
        return commutative;
    }

    /** {@code inout = in op inout} over {@code count} items; {@code in} holds the lower ranks' data. */
    final void combine(Items in, int inItem, Items inout, int inoutItem, int count) {
        combine(in.array(), in.elementAt(inItem), inout.array(), inout.elementAt(inoutItem), count);
    }

    /**
     * {@code out = a op b} over {@code count} items; {@code a} holds the lower ranks' data.
     * {@code out} may be {@code b} at the same item, but must not overlap {@code a}.
     */
    final void combine(Items a, int aItem, Items b, int bItem, Items out, int outItem, int count) {
        combine(a.array(), a.elementAt(aItem), b.array(), b.elementAt(bItem), out.array(), out.elementAt(outItem), count);
    }

    abstract void combine(Object in, int inOffset, Object inout, int inoutOffset, int count);

    abstract void combine(Object a, int aOffset, Object b, int bOffset, Object out, int outOffset, int count);

    /** A predefined operation: its kernel runs over each block of elements the items cover. */
    private static final class Predefined extends Reduction {
        private final Kernel kernel;

        Predefined(Kernel kernel, TypeLayout layout) {
            super(layout, true);
            this.kernel = kernel;
        }

        @Override
        void combine(Object in, int inOffset, Object inout, int inoutOffset, int count) {
            combine(in, inOffset, inout, inoutOffset, inout, inoutOffset, count);
        }

        @Override
        void combine(Object a, int aOffset, Object b, int bOffset, Object out, int outOffset, int count) {
            TypeLayout layout = layout();
            if (layout.isContiguous()) {
                kernel.apply(a, aOffset, b, bOffset, out, outOffset, count * layout.size());
                return;
            }
            layout.forEachBlock(0, count, count * layout.size(), (start, length) ->
                kernel.apply(a, aOffset + start, b, bOffset + start, out, outOffset + start, length));
        }
    }

    /** A user's function, which only knows {@code inout = in op inout}. */
    private static final class UserDefined extends Reduction {
        private final UserCombiner combiner;

        UserDefined(UserCombiner combiner, boolean commutative, TypeLayout layout) {
            super(layout, commutative);
            this.combiner = combiner;
        }

        @Override
        void combine(Object in, int inOffset, Object inout, int inoutOffset, int count) {
            combiner.combine(in, inOffset, inout, inoutOffset, count);
        }

        @Override
        void combine(Object a, int aOffset, Object b, int bOffset, Object out, int outOffset, int count) {
            if (b != out || bOffset != outOffset) {
                Items.copy(new Items(b, bOffset, layout()), 0, new Items(out, outOffset, layout()), 0, count);
            }
            combiner.combine(a, aOffset, out, outOffset, count);
        }
    }
}
