package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mpi.MPI;
import mpi.MPIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * Failures end waits instead of hanging them: communication with a rank that has finished throws
 * {@code ERR_PROC_FAILED} (after delivering what it sent first), and a rank that throws fails the
 * job, with the result naming that rank and stopping the others.
 */
class JobFailureTest {

    private static final int SENT = 1;
    private static final int NEVER_SENT = 2;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 8})
    void communicationWithFinishedRanksThrowsAfterTheirMessagesAreDelivered(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            if (rank != 0) {
                MPI.COMM_WORLD.Send(new int[] {10 * rank}, 0, 1, MPI.INT, 0, SENT);
                return List.of("finished");
            }
            List<String> log = new ArrayList<>();
            int[] value = new int[1];
            for (int peer = 1; peer < size; peer++) {
                int from = peer;
                log.add("receive from finished rank: " + Errors.of(() ->
                    MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, from, NEVER_SENT), "rank " + from));
                MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, peer, SENT);
                log.add("message it sent before finishing: " + value[0]);
            }
            log.add("receive from any source: " + Errors.classOf(() ->
                MPI.COMM_WORLD.Recv(value, 0, 1, MPI.INT, MPI.ANY_SOURCE, NEVER_SENT)));
            log.add("probe: " + Errors.of(() -> MPI.COMM_WORLD.Probe(1, NEVER_SENT), "rank 1"));
            log.add("eager send: " + Errors.of(() -> MPI.COMM_WORLD.Send(value, 0, 1, MPI.INT, 1, SENT), "rank 1"));
            int[] large = MessageSize.RENDEZVOUS.pattern(0);
            log.add("rendezvous send: " + Errors.of(() ->
                MPI.COMM_WORLD.Send(large, 0, large.length, MPI.INT, 1, SENT), "rank 1"));
            return log;
        });

        assertEquals(Jobs.expected(size, rank -> {
            if (rank != 0) {
                return List.of("finished");
            }
            List<String> log = new ArrayList<>();
            for (int peer = 1; peer < size; peer++) {
                log.add("receive from finished rank: " + Errors.naming(MPI.ERR_PROC_FAILED, "rank " + peer));
                log.add("message it sent before finishing: " + 10 * peer);
            }
            log.add("receive from any source: MPI_ERR_PROC_FAILED");
            String gone = Errors.naming(MPI.ERR_PROC_FAILED, "rank 1");
            log.add("probe: " + gone);
            log.add("eager send: " + gone);
            log.add("rendezvous send: " + gone);
            return log;
        }), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void rankThatThrowsFailsTheJobAndTheResultNamesIt(int size) throws Exception {
        int culprit = size - 1;
        String reason = "deliberate failure of rank " + culprit;
        JobResult<Integer> result = Jobs.run(size, () -> {
            if (Peers.rank() == culprit) {
                throw new IllegalStateException(reason);
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, culprit, NEVER_SENT);
            return Peers.rank();
        });

        IllegalStateException valuesFailure = assertThrows(IllegalStateException.class, result::values);
        assertAll(
            () -> assertFalse(result.succeeded()),
            () -> assertEquals(1, result.exitCode()),
            () -> assertEquals(Optional.of(culprit), result.failedRank()),
            () -> assertEquals(Optional.of("rank " + culprit + " failed: java.lang.IllegalStateException: " + reason),
                result.failureMessage()),
            () -> assertEquals(reason, valuesFailure.getCause().getMessage()),
            () -> assertEquals(Jobs.expected(size, rank -> rank == culprit
                    ? "rank " + rank + " FAILED by java.lang.IllegalStateException: " + reason
                    : "rank " + rank + " STOPPED by MPI_ERR_PROC_FAILED"),
                result.outcomes().stream().map(JobFailureTest::describe).toList()));
    }

    @Test
    void deadlockedJobFailsAtItsTimeoutInsteadOfHanging() throws Exception {
        JobResult<Integer> result = Jobs.job(2).timeout(Duration.ofMillis(300)).run(() -> {
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, Peers.right(1), NEVER_SENT);
            return Peers.rank();
        });

        assertAll(
            () -> assertFalse(result.succeeded()),
            () -> assertEquals(Optional.empty(), result.failedRank()),
            () -> assertEquals(Optional.of("the job did not finish within its timeout of 300 ms"),
                result.failureMessage()),
            () -> assertEquals(Jobs.expected(2, rank -> "rank " + rank + " STOPPED by MPI_ERR_PROC_FAILED"),
                result.outcomes().stream().map(JobFailureTest::describe).toList()));
    }

    private static String describe(RankOutcome<?> outcome) {
        Throwable failure = outcome.failure();
        String cause = failure instanceof MPIException e ? ErrorClass.name(e.getErrorClass()) : String.valueOf(failure);
        return "rank " + outcome.rank() + " " + outcome.ending() + " by " + cause;
    }
}
