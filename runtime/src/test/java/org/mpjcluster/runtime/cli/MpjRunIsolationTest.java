package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.cli.programs.CountsInStatic;
import org.mpjcluster.runtime.cli.programs.SendsOwnObjects;

/** Each rank that {@code mpjrun} starts has its own copy of the program's classes. */
class MpjRunIsolationTest {

    @TempDir
    static Path programs;

    @BeforeAll
    static void copyPrograms() throws Exception {
        MpjRunLauncher.copyPrograms(programs);
    }

    @Test
    void givesEveryRankItsOwnStaticFields() throws Exception {
        ProcessRun run = mpjrun("-np", "3", "-cp", programs.toString(), CountsInStatic.class.getName());

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 counter 1", "rank 1 counter 1", "rank 2 counter 1"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
    }

    @Test
    void deliversObjectsOfTheProgramsOwnClassAsTheReceivingRanksCopy() throws Exception {
        ProcessRun run = mpjrun("-np", "3", "-cp", programs.toString(), SendsOwnObjects.class.getName());

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 1 received parcel for rank 1", "rank 2 received parcel for rank 2"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
    }
}
