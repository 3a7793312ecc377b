package org.mpjcluster.device;

/**
 * The first half of a guard against false sharing, for a long-lived object that one thread writes
 * on every message: a class extends this, declares its fields, and a final subclass of it declares
 * {@link #PADDING_LONGS} more {@code long}s. The object's fields then sit on cache lines of their
 * own, wherever the garbage collector moves it, and no other thread's reads or writes of a
 * neighbouring object take those lines away (nor these writes theirs). The JVM lays out a
 * superclass's fields before a subclass's, which is what keeps the padding on both sides.
 *
 * <p>Two lines on each side, as the JDK's {@code @Contended} does, since processors fetch lines in
 * adjacent pairs.
 */
@SuppressWarnings("unused") // the fields are there to take up room
public abstract class CacheLinePadding {

    /** How many {@code long}s the final subclass declares after the fields. */
    public static final int PADDING_LONGS = 16;

    /**
     * Fills the 4 bytes after a 12-byte object header (compressed class pointers, the default):
     * since JDK 15 the JVM puts a subclass's {@code int} or reference in such a hole of its
     * superclass, which would leave it on the object's first cache line, beside whatever object
     * lies before. Without the hole this takes a slot after the {@code long}s, which is harmless.
     */
    private int headerGap;
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private long p08, p09, p10, p11, p12, p13, p14, p15;
}
