package org.mpjcluster.engine.coll;

/**
 * One predefined operation on one primitive kind: {@code out[o + i] = a[ao + i] op b[bo + i]} for
 * {@code length} elements, where {@code a} holds the contribution of the lower ranks. {@code out}
 * may be {@code a} or {@code b} at the same offset (each element is read before it is written).
 */
@FunctionalInterface
interface Kernel {

    /** Combines {@code length} elements of {@code a} and {@code b} into {@code out}. */
    void apply(Object a, int aOffset, Object b, int bOffset, Object out, int outOffset, int length);
}
