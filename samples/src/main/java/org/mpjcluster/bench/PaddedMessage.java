package org.mpjcluster.bench;

/**
 * A message buffer on cache lines of its own: {@code bytes} bytes at {@link #offset()} of an array
 * with {@value #MARGIN} spare bytes at either end. Ranks on the shm device are threads of one JVM,
 * and the collector may place two ranks' small arrays side by side on one line; each rank then
 * writes a line the other reads, and every message pays a cache miss for the harness's choice of
 * buffers, which ranks in separate processes never do. The baselines' arrays get the same
 * treatment, so both sides of a ratio are measured alike.
 *
 * @param array the array that holds the message
 */
record PaddedMessage(byte[] array) {

    /** Bytes kept free before and after the message: two cache lines, as processors fetch lines in pairs. */
    static final int MARGIN = 128;

    /** A buffer for a message of {@code bytes} bytes. */
    static PaddedMessage of(int bytes) {
        return new PaddedMessage(new byte[MARGIN + bytes + MARGIN]);
    }

    /** Index of the message's first byte in {@link #array()}. */
    int offset() {
        return MARGIN;
    }

    /** Bytes in the message. */
    int length() {
        return array.length - 2 * MARGIN;
    }
}
