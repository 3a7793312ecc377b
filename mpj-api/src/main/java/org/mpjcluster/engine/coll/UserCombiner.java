package org.mpjcluster.engine.coll;

/**
 * A user-defined reduction as the engine calls it: {@code inout = in op inout} over {@code count}
 * items of the call's datatype, {@code in} holding the contribution of the lower ranks.
 */
@FunctionalInterface
public interface UserCombiner {

    /** Combines {@code count} items of {@code in} into {@code inout}. */
    void combine(Object in, int inOffset, Object inout, int inoutOffset, int count);
}
