package org.mpjcluster.bench;

import java.util.Arrays;
import mpi.MPI;

/**
 * Entry point of the benchmarks, run as an MPJ program by {@code bin/mpj-bench}:
 * {@code Bench pingpong --device NAME [--sizes B,B,...]} on 2 ranks, or
 * {@code Bench collectives --device NAME} on any number of ranks.
 */
public final class Bench {

    private Bench() {
    }

    /** Runs the benchmark named by the first argument. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        String benchmark = args.length == 0 ? "" : args[0];
        String device = option(args, "--device", "shm");
        switch (benchmark) {
            case "pingpong" -> {
                String sizes = option(args, "--sizes", null);
                int[] sizeList = sizes == null ? PingPongBench.DEFAULT_SIZES
                    : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
                PingPongBench.run(device, sizeList);
            }
            case "collectives" -> CollectivesBench.run(device);
            default -> throw new IllegalArgumentException("usage: Bench pingpong --device NAME [--sizes B,B,...]"
                + " | Bench collectives --device NAME; got " + Arrays.toString(args));
        }
        MPI.Finalize();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
