package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code Sendrecv} and {@code Sendrecv_replace} shift data around rings without deadlock, at any message size. */
class SendrecvTest {

    private static final int WILDCARD_TAG = 9;

    static Stream<Arguments> messageSizesAndRankCounts() {
        return Cases.cross(MessageSize.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void sendrecvShiftsArraysAroundTheRingByEachDistance(MessageSize length, int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            List<String> log = new ArrayList<>();
            for (int distance = 1; distance <= 3; distance++) {
                int[] incoming = new int[length.ints()];
                Status status = MPI.COMM_WORLD.Sendrecv(
                    length.pattern(Peers.rank()), 0, length.ints(), MPI.INT, Peers.right(distance), distance,
                    incoming, 0, length.ints(), MPI.INT, Peers.left(distance), distance);
                log.add(shift(status.source, status.tag, origin(incoming, length)));
            }
            int[] incoming = new int[length.ints()];
            Status status = MPI.COMM_WORLD.Sendrecv(length.pattern(Peers.rank()), 0, length.ints(), MPI.INT,
                Peers.right(1), WILDCARD_TAG, incoming, 0, length.ints(), MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
            log.add(shift(status.source, status.tag, origin(incoming, length)));
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> {
            List<String> log = new ArrayList<>();
            for (int distance = 1; distance <= 3; distance++) {
                int left = Peers.leftOf(rank, distance, size);
                log.add(shift(left, distance, left));
            }
            int left = Peers.leftOf(rank, 1, size);
            log.add(shift(left, WILDCARD_TAG, left));
            return log;
        }), seen);
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("messageSizesAndRankCounts")
    void sendrecvReplacePassesEveryBufferOnceAroundTheRing(MessageSize length, int size) throws Exception {
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            int[] buffer = length.pattern(Peers.rank());
            List<Integer> origins = new ArrayList<>();
            for (int step = 1; step <= size; step++) {
                Status status = MPI.COMM_WORLD.Sendrecv_replace(buffer, 0, length.ints(), MPI.INT,
                    Peers.right(1), step, Peers.left(1), step);
                origins.add(status.source == Peers.left(1) ? origin(buffer, length) : -status.source);
            }
            return origins;
        });

        assertEquals(Jobs.expected(size, rank -> IntStream.rangeClosed(1, size)
            .mapToObj(step -> Peers.leftOf(rank, step, size)).toList()), seen);
    }

    /** The rank whose pattern {@code buffer} holds in full, or -1 if it holds no whole pattern. */
    private static int origin(int[] buffer, MessageSize length) {
        int seed = buffer[0] / 1_000_000;
        return Arrays.equals(buffer, length.pattern(seed)) ? seed : -1;
    }

    private static String shift(int source, int tag, int origin) {
        return "source " + source + " tag " + tag + " data of rank " + origin;
    }
}
