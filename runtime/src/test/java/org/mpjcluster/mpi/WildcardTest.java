package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Receives with {@code ANY_SOURCE} and {@code ANY_TAG} report the actual sender and tag in their status. */
class WildcardTest {

    private static final int TAG_BASE = 100;
    private static final int FIRST_TAG = 1;
    private static final int SECOND_TAG = 2;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void wildcardReceiveStatusNamesTheSenderAndTagOfEachMessage(int size) throws Exception {
        List<List<String>> received = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            Request[] sends = new Request[size];
            for (int dest = 0; dest < size; dest++) {
                sends[dest] = MPI.COMM_WORLD.Isend(new int[] {rank, dest}, 0, 2, MPI.INT, dest, TAG_BASE + rank);
            }
            List<String> log = new ArrayList<>();
            for (int n = 0; n < size; n++) {
                int[] body = new int[2];
                Status status = MPI.COMM_WORLD.Recv(body, 0, 2, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                log.add(envelope(status.source, status.tag, body[0], body[1]));
            }
            Request.Waitall(sends);
            Collections.sort(log);
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> IntStream.range(0, size)
            .mapToObj(source -> envelope(source, TAG_BASE + source, source, rank)).sorted().toList()), received);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void anySourceWithATagAndASourceWithAnyTagEachMatchOnlyWhatTheyName(int size) throws Exception {
        List<List<String>> received = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            List<Request> sends = new ArrayList<>();
            for (int dest = 0; dest < size; dest++) {
                sends.add(MPI.COMM_WORLD.Isend(new int[] {rank, FIRST_TAG}, 0, 2, MPI.INT, dest, FIRST_TAG));
                sends.add(MPI.COMM_WORLD.Isend(new int[] {rank, SECOND_TAG}, 0, 2, MPI.INT, dest, SECOND_TAG));
            }
            List<String> log = new ArrayList<>();
            int[] body = new int[2];
            for (int n = 0; n < size; n++) {
                Status status = MPI.COMM_WORLD.Recv(body, 0, 2, MPI.INT, MPI.ANY_SOURCE, SECOND_TAG);
                log.add("any source: " + envelope(status.source, status.tag, body[0], body[1]));
            }
            for (int source = size - 1; source >= 0; source--) {
                Status status = MPI.COMM_WORLD.Recv(body, 0, 2, MPI.INT, source, MPI.ANY_TAG);
                log.add("any tag: " + envelope(status.source, status.tag, body[0], body[1]));
            }
            Request.Waitall(sends.toArray(new Request[0]));
            Collections.sort(log);
            return log;
        });

        List<String> expected = new ArrayList<>();
        for (int source = 0; source < size; source++) {
            expected.add("any source: " + envelope(source, SECOND_TAG, source, SECOND_TAG));
            expected.add("any tag: " + envelope(source, FIRST_TAG, source, FIRST_TAG));
        }
        Collections.sort(expected);
        assertEquals(Jobs.expected(size, rank -> expected), received);
    }

    private static String envelope(int source, int tag, int sentBy, int sentFor) {
        return "source " + source + " tag " + tag + " body (" + sentBy + ", " + sentFor + ")";
    }
}
