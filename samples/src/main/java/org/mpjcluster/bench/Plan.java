package org.mpjcluster.bench;

/**
 * How many repetitions to time at a message size: enough round trips per sample that one sample
 * lasts well above the timer's resolution, and enough samples for a stable median. Samples are
 * taken in rounds that alternate with the baseline's, so both see the same machine.
 *
 * @param warmupSamples   samples run first and discarded (JIT compilation, first touch of pages)
 * @param samplesPerRound samples per round
 * @param rounds          number of alternating rounds
 * @param repetitions     round trips per sample
 */
record Plan(int warmupSamples, int samplesPerRound, int rounds, int repetitions) {

    private static final int ROUNDS = 5;

    static Plan forBytes(long bytes) {
        if (bytes <= 4096) {
            return new Plan(40, 9, ROUNDS, 2000);
        }
        if (bytes <= 128 * 1024) {
            return new Plan(20, 7, ROUNDS, 200);
        }
        if (bytes <= 2 * 1024 * 1024) {
            return new Plan(10, 5, ROUNDS, 10);
        }
        return new Plan(5, 3, ROUNDS, 4);
    }

    int totalSamples() {
        return samplesPerRound * rounds;
    }
}
