package org.mpjcluster.bench;

/**
 * How many repetitions to time at a message size: enough round trips per sample that one sample
 * lasts well above the timer's resolution, and enough samples for a stable median.
 *
 * @param warmupSamples samples run first and discarded (JIT compilation, first-touch of pages)
 * @param samples       samples whose median is reported
 * @param repetitions   round trips (or collective calls) per sample
 */
record Plan(int warmupSamples, int samples, int repetitions) {

    static Plan forBytes(long bytes) {
        if (bytes <= 4096) {
            return new Plan(40, 41, 2000);
        }
        if (bytes <= 128 * 1024) {
            return new Plan(20, 31, 200);
        }
        if (bytes <= 2 * 1024 * 1024) {
            return new Plan(10, 21, 10);
        }
        return new Plan(5, 15, 4);
    }
}
