package org.mpjcluster.engine;

/**
 * The completion state of an {@link Operation}, padded on both sides so that it has a cache line
 * to itself: superclass fields are laid out first, so the left padding separates it from the
 * object header and whatever precedes the object, the right padding from the operation's other
 * fields.
 */
@SuppressWarnings("unused")
abstract class OperationState extends OperationStatePadding {
    /** {@code null} while pending, a {@link Runnable} to run on completion, or the done marker. */
    volatile Object state;
    /** The thread parked waiting for completion, if any. */
    volatile Thread waiter;
    private long p10;
    private long p11;
    private long p12;
    private long p13;
    private long p14;
    private long p15;
    private long p16;
    private long p17;
}

/** Padding before {@link OperationState}'s fields. */
@SuppressWarnings("unused")
abstract class OperationStatePadding {
    private long p00;
    private long p01;
    private long p02;
    private long p03;
    private long p04;
    private long p05;
    private long p06;
    private long p07;
}
