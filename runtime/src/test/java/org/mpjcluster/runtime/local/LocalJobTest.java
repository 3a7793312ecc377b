package org.mpjcluster.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import mpi.MPI;
import mpi.MPIException;
import org.junit.jupiter.api.Test;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/** How the in-JVM launcher runs ranks, ends failed jobs and reports each rank's outcome. */
class LocalJobTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void thirtyTwoRanksOnTwoCoresPassATokenAroundTheRingPromptly() throws Exception {
        int ranks = 32;
        int laps = 50;
        long start = System.nanoTime();
        JobResult<Integer> result = LocalJob.ranks(ranks).timeout(LIMIT).run(() -> {
            int rank = MPI.COMM_WORLD.Rank();
            int[] token = {0};
            for (int lap = 0; lap < laps; lap++) {
                if (rank == 0) {
                    token[0]++;
                    MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, 1, 0);
                    MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, ranks - 1, 0);
                } else {
                    MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, rank - 1, 0);
                    token[0]++;
                    MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, (rank + 1) % ranks, 0);
                }
            }
            return token[0];
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Integer> expected = IntStream.range(0, ranks)
            .mapToObj(rank -> rank == 0 ? laps * ranks : (laps - 1) * ranks + rank + 1).toList();
        assertEquals(expected, result.values());
        assertTrue(seconds < 20, "1600 hops on 32 ranks took " + seconds + " s");
    }

    @Test
    void ranksReturnTheirOwnValuesInRankOrder() throws Exception {
        JobResult<String> result = LocalJob.ranks(5).timeout(LIMIT)
            .run(() -> MPI.COMM_WORLD.Rank() + "/" + MPI.COMM_WORLD.Size());
        assertTrue(result.succeeded());
        assertEquals(0, result.exitCode());
        assertEquals(List.of("0/5", "1/5", "2/5", "3/5", "4/5"), result.values());
    }

    @Test
    void aRankThatThrowsEndsTheJobAndBlockedRanksGetAnMpiException() throws Exception {
        JobResult<Void> result = LocalJob.ranks(4).timeout(LIMIT).run(() -> {
            if (MPI.COMM_WORLD.Rank() == 2) {
                throw new IllegalStateException("boom");
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, 0);
            return null;
        });
        assertFalse(result.succeeded());
        assertEquals(1, result.exitCode());
        assertEquals(2, result.failedRank().orElseThrow());
        assertTrue(result.failureMessage().orElseThrow().contains("rank 2"), result.failureMessage().orElseThrow());
        assertEquals(Ending.FAILED, result.outcome(2).ending());
        for (int rank : new int[] {0, 1, 3}) {
            RankOutcome<Void> outcome = result.outcome(rank);
            assertEquals(Ending.STOPPED, outcome.ending(), "rank " + rank);
            MPIException error = assertInstanceOf(MPIException.class, outcome.failure());
            assertEquals(MPI.ERR_PROC_FAILED, error.getErrorClass());
        }
        IllegalStateException cause = assertThrows(IllegalStateException.class, result::values);
        assertEquals("boom", cause.getCause().getMessage());
    }

    @Test
    void abortEndsEveryRankWithItsCode() throws Exception {
        JobResult<Void> result = LocalJob.ranks(3).timeout(LIMIT).run(() -> {
            if (MPI.COMM_WORLD.Rank() == 1) {
                MPI.COMM_WORLD.Abort(7);
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 1, 0);
            return null;
        });
        assertEquals(7, result.exitCode());
        assertEquals(Ending.ABORTED, result.outcome(1).ending());
        assertEquals(Ending.STOPPED, result.outcome(0).ending());
        assertEquals(Ending.STOPPED, result.outcome(2).ending());
        assertTrue(result.failureMessage().orElseThrow().contains("Abort(7)"));
    }

    @Test
    void aJobOverItsTimeoutFailsInsteadOfHanging() throws Exception {
        long start = System.nanoTime();
        JobResult<Void> result = LocalJob.ranks(2).timeout(Duration.ofMillis(300)).run(() -> {
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, 0);
            return null;
        });
        assertFalse(result.succeeded());
        assertTrue(result.failureMessage().orElseThrow().contains("timeout"), result.failureMessage().orElseThrow());
        assertTrue((System.nanoTime() - start) / 1e9 < 10);
    }

    @Test
    void aRankThatIgnoresTheAbortIsReportedAsHungAfterTheGracePeriod() throws Exception {
        JobResult<Void> result = LocalJob.ranks(2).timeout(LIMIT).abortGrace(Duration.ofMillis(200)).run(() -> {
            if (MPI.COMM_WORLD.Rank() == 0) {
                throw new IllegalArgumentException("rank 0 gives up");
            }
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return null;
        });
        assertEquals(Ending.FAILED, result.outcome(0).ending());
        assertEquals(Ending.HUNG, result.outcome(1).ending());
    }

    @Test
    void aReceiveFromARankThatAlreadyFinishedThrowsInsteadOfHanging() throws Exception {
        JobResult<Integer> result = LocalJob.ranks(2).timeout(LIMIT).run(() -> {
            if (MPI.COMM_WORLD.Rank() == 1) {
                try {
                    MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 0, 0);
                } catch (MPIException e) {
                    return e.getErrorClass();
                }
            }
            return MPI.SUCCESS;
        });
        assertEquals(List.of(MPI.SUCCESS, MPI.ERR_PROC_FAILED), result.values());
    }

    @Test
    void rejectsAJobWithoutRanks() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LocalJob.ranks(0));
        assertTrue(error.getMessage().contains("at least 1"));
    }
}
