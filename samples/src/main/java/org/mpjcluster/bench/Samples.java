package org.mpjcluster.bench;

import java.util.Arrays;

/** Collects timing samples and reports their median. */
final class Samples {

    private final double[] values;
    private int count;

    Samples(int capacity) {
        values = new double[capacity];
    }

    void add(double value) {
        values[count++] = value;
    }

    double median() {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
