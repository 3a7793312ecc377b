package org.mpjcluster.bench;

import java.util.Map;

/**
 * The raw limit a device's ping-pong is compared with, measured in the same run in rounds that
 * alternate with the MPI measurement. Both ranks open it and call {@link #measure} together; rank
 * 0 times, rank 1 answers (or, for a baseline that lives in rank 0's JVM alone, does nothing).
 */
interface PingPongBaseline extends AutoCloseable {

    /** Opens the baseline of a device for messages of {@code bytes} bytes, on rank {@code rank}. */
    @FunctionalInterface
    interface Factory {
        PingPongBaseline open(int rank, int bytes) throws Exception;
    }

    /** The baseline of each device: the fastest raw exchange the device could hope to match. */
    Map<String, Factory> BY_DEVICE = Map.of(
        "shm", ThreadHandoffBaseline::open,
        "tcp", NioSocketBaseline::open);

    /**
     * Runs {@code count} samples of {@code repetitions} round trips; rank 0 adds each sample's
     * one-way time in µs to {@code samples} unless it is {@code null} (a warm-up).
     */
    void measure(int count, int repetitions, Samples samples) throws Exception;

    /** The baseline of {@code device}; throws naming the devices that have one. */
    static Factory of(String device) {
        Factory factory = BY_DEVICE.get(device);
        if (factory == null) {
            throw new IllegalArgumentException("no ping-pong baseline for device '" + device + "'; devices: "
                + BY_DEVICE.keySet());
        }
        return factory;
    }
}
