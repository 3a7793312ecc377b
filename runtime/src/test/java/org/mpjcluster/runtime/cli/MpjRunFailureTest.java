package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrunWithJvmOptions;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.samplesClasspath;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpjcluster.runtime.cli.programs.AbortsOnRankOne;
import org.mpjcluster.runtime.cli.programs.ExitsOnRankOne;
import org.mpjcluster.runtime.cli.programs.ThrowsOnRankTwo;
import org.mpjcluster.runtime.cli.programs.WaitsForFile;
import org.mpjcluster.runtime.cli.programs.WaitsForever;
import org.mpjcluster.samples.Hello;

/**
 * A job whose rank fails, aborts, outlives its timeout or calls System.exit, that is stopped by a
 * signal, or that has more ranks than the JVM can hold ends promptly with the right status and says why.
 */
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
        assertTrue(run.stderr().contains("mpjrun: rank 1 called System.exit, which ends every rank"), run::describe);
    }

    @Test
    void refusesMoreRanksThanTheJvmCanHoldBeforeStartingAnyAndSaysWhatToDo() throws Exception {
        ProcessRun run = mpjrunWithJvmOptions(List.of("-Xmx256m"), "-np", "100000", "-cp", samplesClasspath(),
            Hello.class.getName());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("mpjrun: cannot run 100000 ranks as threads of one JVM: their tables alone "
            + "take 298.4 GiB of heap"), run::describe);
        assertTrue(run.stderr().contains("Run fewer ranks in each JVM (mpjrun --processes, or --ranks-per-jvm K)"),
            run::describe);
        assertTrue(run.stderr().contains("give the JVM more heap (-Xmx"), run::describe);
        assertFalse(run.stderr().contains("System.exit"), run::describe);
        assertFalse(run.stderr().contains("\tat "), () -> "a stack trace for a user error\n" + run.describe());
        assertTrue(run.stdout().isEmpty(), run::describe);
    }

    @Test
    void saysThatASignalStoppedTheJobAndExitsWithTheSignalsStatus(@TempDir Path scratch) throws Exception {
        try (RunningMpjRun run = RunningMpjRun.start("-np", "2", "-cp", programs.toString(),
            WaitsForFile.class.getName(), scratch.resolve("never").toString())) {
            run.awaitStdoutLines(2, Duration.ofSeconds(30));
            run.handle().destroy();

            ProcessRun ended = run.awaitEnd(Duration.ofSeconds(30));

            assertEquals(128 + 15, ended.exitCode(), ended::describe);
            assertTrue(ended.stderr().contains("mpjrun: stopped by SIGTERM while ranks still ran; the job did not "
                + "finish"), ended::describe);
            assertFalse(ended.stderr().contains("System.exit"), ended::describe);
        }
    }
}
