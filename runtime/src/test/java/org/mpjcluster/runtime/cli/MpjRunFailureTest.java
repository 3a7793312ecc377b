package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpjcluster.runtime.cli.programs.AbortsOnRankOne;
import org.mpjcluster.runtime.cli.programs.ExitsOnRankOne;
import org.mpjcluster.runtime.cli.programs.ThrowsOnRankTwo;
import org.mpjcluster.runtime.cli.programs.WaitsForever;

/** A job whose rank fails, aborts or outlives its timeout ends promptly with the right status and says why. */
class MpjRunFailureTest {

    @TempDir
    static Path programs;

    @BeforeAll
    static void copyPrograms() throws Exception {
        MpjRunLauncher.copyPrograms(programs);
    }

    @Test
    void exitsWithOneNamingTheRankThatThrewWhileOthersWait() throws Exception {
        ProcessRun run = mpjrun("-np", "4", "-cp", programs.toString(), ThrowsOnRankTwo.class.getName());

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 2 failed"), run::describe);
        assertTrue(run.stderr().contains("IllegalStateException: boom"), run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(15)) < 0, run::describe);
    }

    @ParameterizedTest(name = "Abort({0}) exits with {1}")
    @CsvSource({"3, 3", "256, 1", "-1, 255"})
    void exitsWithTheAbortCodeWhileOthersWait(int code, int status) throws Exception {
        ProcessRun run = mpjrun("-np", "3", "-cp", programs.toString(), AbortsOnRankOne.class.getName(),
            Integer.toString(code));

        assertEquals(status, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 1 called Abort(" + code + ")"), run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(15)) < 0, run::describe);
    }

    @Test
    void endsAJobThatOutlivesItsTimeout() throws Exception {
        ProcessRun run = mpjrun("-np", "2", "--timeout", "2s", "-cp", programs.toString(),
            WaitsForever.class.getName());

        assertNotEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("timeout of 2000 ms"), run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(2)) >= 0, run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, run::describe);
    }

    @Test
    void saysThatARankCalledSystemExitWhichEndsTheSharedJvm() throws Exception {
        ProcessRun run = mpjrun("-np", "2", "-cp", programs.toString(), ExitsOnRankOne.class.getName());

        assertEquals(5, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("a rank called System.exit"), run::describe);
    }
}
