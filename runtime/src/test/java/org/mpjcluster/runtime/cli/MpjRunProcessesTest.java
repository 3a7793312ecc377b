package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.samplesClasspath;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.runtime.cli.programs.AbortsOnRankOne;
import org.mpjcluster.runtime.cli.programs.BroadcastsLinkedList;
import org.mpjcluster.runtime.cli.programs.ExitsOnRankOne;
import org.mpjcluster.runtime.cli.programs.PrintsOnBothStreams;
import org.mpjcluster.runtime.cli.programs.PrintsSystemProperty;
import org.mpjcluster.runtime.cli.programs.ThrowsOnRankTwo;
import org.mpjcluster.samples.Hello;
import org.mpjcluster.samples.Pi;
import org.mpjcluster.samples.Ring;

/**
 * {@code mpjrun --processes} and {@code --ranks-per-jvm}, run as a user would: real worker JVMs,
 * their output, exit status and failures. Layouts are written as the options that pick them:
 * {@code "--ranks-per-jvm 4"} puts all 4 ranks in one worker JVM (shm only), {@code "--processes"}
 * one rank per JVM and {@code "--ranks-per-jvm 2"} two per JVM; these need the tcp device
 * between JVMs and are skipped without it.
 */
class MpjRunProcessesTest {

    private static final Pattern HELLO_LINE = Pattern.compile("Hello from rank (\\d+) of (\\d+) on \\S+");

    @TempDir
    static Path programs;

    @BeforeAll
    static void copyPrograms() throws Exception {
        MpjRunLauncher.copyPrograms(programs);
    }

    /** The options for {@code layout} on {@code ranks} ranks, then {@code rest}. */
    private static String[] layout(String layout, int ranks, String... rest) {
        List<String> args = new ArrayList<>(Arrays.asList(layout.split(" ")));
        args.addAll(List.of("-np", Integer.toString(ranks)));
        args.addAll(Arrays.asList(rest));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 4", "--processes", "--ranks-per-jvm 2", "--ranks-per-jvm 3"})
    void everyRankSaysHelloOnceFromItsOwnJvm(String layout) throws Exception {
        ProcessRun run = mpjrun(layout(layout, 4, "-cp", samplesClasspath(), Hello.class.getName()));

        assertEquals(0, run.exitCode(), run::describe);
        List<Integer> ranks = run.stdoutLines().stream().map(HELLO_LINE::matcher).filter(Matcher::matches)
            .filter(m -> m.group(2).equals("4")).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        assertEquals(List.of(0, 1, 2, 3), ranks, run::describe);
        assertEquals(4, run.stdoutLines().size(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 3", "--processes"})
    void passesTheTokenAroundTheRingAndComputesPi(String layout) throws Exception {
        ProcessRun ring = mpjrun(layout(layout, 3, "-cp", samplesClasspath(), Ring.class.getName(), "100"));
        ProcessRun pi = mpjrun(layout(layout, 3, "-cp", samplesClasspath(), Pi.class.getName(), "100000"));

        assertEquals(0, ring.exitCode(), ring::describe);
        assertEquals(List.of("Ring: token = 300 after 100 laps of 3 ranks (expected 300)"), ring.stdoutLines(),
            ring::describe);
        assertEquals(0, pi.exitCode(), pi::describe);
        assertTrue(pi.stdout().startsWith("pi = 3.14159"), pi::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 3", "--processes"})
    void forwardsEveryRanksOutputAndErrorInWholeLines(String layout) throws Exception {
        ProcessRun run = mpjrun(layout(layout, 3, "-cp", programs.toString(), PrintsOnBothStreams.class.getName()));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("out from rank 0", "out from rank 1", "out from rank 2"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
        assertEquals(List.of("err from rank 0", "err from rank 1", "err from rank 2"),
            run.stderr().lines().sorted().toList(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 3", "--processes", "--threads"})
    void tagsEveryLineWithTheRankThatPrintedIt(String layout) throws Exception {
        String[] args = layout.equals("--threads")
            ? new String[] {"-np", "3", "--tag-output", "-cp", programs.toString(), PrintsOnBothStreams.class.getName()}
            : layout(layout, 3, "--tag-output", "-cp", programs.toString(), PrintsOnBothStreams.class.getName());
        ProcessRun run = mpjrun(args);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("[0] out from rank 0", "[1] out from rank 1", "[2] out from rank 2"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
        assertEquals(List.of("[0] err from rank 0", "[1] err from rank 1", "[2] err from rank 2"),
            run.stderr().lines().sorted().toList(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 4", "--processes"})
    void exitsWithOneNamingTheRankThatThrewAndShowsItsStackTrace(String layout) throws Exception {
        ProcessRun run = mpjrun(layout(layout, 4, "-cp", programs.toString(), ThrowsOnRankTwo.class.getName()));

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 2 failed"), run::describe);
        assertTrue(run.stderr().contains("rank 2 threw java.lang.IllegalStateException: boom"), run::describe);
        assertTrue(run.stderr().contains(ThrowsOnRankTwo.class.getName() + ".main("), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 3", "--processes"})
    void ranksInWorkerJvmsBroadcastALinkedListTooDeepForTheJvmsDefaultThreadStack(String layout) throws Exception {
        ProcessRun run = mpjrun(layout(layout, 3, "-cp", programs.toString(), BroadcastsLinkedList.class.getName(),
            "5000"));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 received 5000 nodes, 0 out of place", "rank 1 received 5000 nodes, 0 out of place",
            "rank 2 received 5000 nodes, 0 out of place"), run.stdoutLines().stream().sorted().toList(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--ranks-per-jvm 3", "--processes"})
    void exitsWithTheAbortCode(String layout) throws Exception {
        ProcessRun run = mpjrun(layout(layout, 3, "-cp", programs.toString(), AbortsOnRankOne.class.getName(), "3"));

        assertEquals(3, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 1 called Abort(3)"), run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(15)) < 0, run::describe);
    }

    @Test
    void aRankThatCallsSystemExitEndsItsJvmAndTheJobWithItsStatus() throws Exception {
        ProcessRun run = mpjrun(layout("--processes", 2, "-cp", programs.toString(), ExitsOnRankOne.class.getName()));

        assertEquals(5, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 1 (pid "), run::describe);
        assertTrue(run.stderr().contains("died: its JVM"), run::describe);
        assertTrue(run.stderr().contains("exit status 5"), run::describe);
    }

    @Test
    void rejectsMoreRanksPerJvmThanRanks() throws Exception {
        ProcessRun run = mpjrun("--ranks-per-jvm", "3", "-np", "2", "-cp", samplesClasspath(), Hello.class.getName());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--ranks-per-jvm must be between 1 and the number of ranks (2), not 3"),
            run::describe);
    }

    @Test
    void rejectsJvmOptionsForRanksThatRunAsThreads() throws Exception {
        ProcessRun run = mpjrun("--jvm-opt=-Xmx64m", "-np", "2", "-cp", samplesClasspath(), Hello.class.getName());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--jvm-opt applies to --processes only"), run::describe);
    }

    @Test
    void passesJvmOptionsToTheWorkers() throws Exception {
        ProcessRun run = mpjrun("--ranks-per-jvm", "2", "--jvm-opt", "-Dmy.greeting=hi", "--jvm-opt=-Xmx64m",
            "-np", "2", "-cp", programs.toString(), PrintsSystemProperty.class.getName(), "my.greeting");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 my.greeting=hi", "rank 1 my.greeting=hi"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
    }

    @Test
    void reportsAWorkerJvmThatCannotStart() throws Exception {
        ProcessRun run = mpjrun("--processes", "--jvm-opt=-XX:NoSuchOption", "-np", "1", "-cp", samplesClasspath(),
            Hello.class.getName());

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("rank 0 could not start: its JVM"), run::describe);
        assertTrue(run.stderr().contains("NoSuchOption"), run::describe);
    }
}
