package org.mpjcluster.engine.topology;

import java.util.stream.IntStream;

/** The most balanced factorization of a number into a given count of factors, for {@code Dims_create}. */
final class Balanced {

    private Balanced() {
    }

    /**
     * The {@code count} factors of {@code n}, in non-increasing order, that are lexicographically
     * smallest (the smallest possible largest factor, then the smallest second largest, ...), or
     * {@code null} if there is none ({@code count} is 0 and {@code n} is not 1).
     */
    static int[] factors(int n, int count) {
        if (count == 0) {
            return n == 1 ? new int[0] : null;
        }
        return factors(n, count, n);
    }

    /** Like {@link #factors(int, int)}, with every factor at most {@code bound}. */
    private static int[] factors(int n, int count, int bound) {
        if (count == 1) {
            return n <= bound ? new int[] {n} : null;
        }
        for (int largest : divisors(n)) {
            if (largest > bound) {
                return null;
            }
            if (atLeastRoot(largest, n, count)) {
                int[] rest = factors(n / largest, count - 1, largest);
                if (rest != null) {
                    int[] all = new int[count];
                    all[0] = largest;
                    System.arraycopy(rest, 0, all, 1, rest.length);
                    return all;
                }
            }
        }
        return null;
    }

    /** Whether {@code largest} to the power {@code count} reaches {@code n}: no smaller largest factor exists. */
    private static boolean atLeastRoot(int largest, int n, int count) {
        long power = 1;
        for (int i = 0; i < count && power < n; i++) {
            power *= largest;
        }
        return power >= n;
    }

    /** The divisors of {@code n} in increasing order. */
    private static int[] divisors(int n) {
        int[] small = IntStream.rangeClosed(1, (int) Math.sqrt(n)).filter(d -> n % d == 0).toArray();
        int[] large = IntStream.range(0, small.length).map(i -> n / small[small.length - 1 - i])
            .filter(d -> d * (long) d != n).toArray();
        return IntStream.concat(IntStream.of(small), IntStream.of(large)).toArray();
    }
}
