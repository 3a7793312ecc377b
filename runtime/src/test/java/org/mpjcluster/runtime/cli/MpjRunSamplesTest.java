package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.java;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrunWithJvmOptions;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.samplesClasspath;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mpjcluster.samples.Hello;
import org.mpjcluster.samples.Pi;

/** {@code mpjrun}, started as a JVM of its own, runs the shipped samples. */
class MpjRunSamplesTest {

    private static final Pattern PI_LINE = Pattern.compile("pi = (\\S+), error = (\\S+) ");
    private static final Pattern HELLO_LINE = Pattern.compile("Hello from rank (\\d+) of 3 on \\S+");

    @Test
    void computesPiOnFourRanksToWithinOneMillionth() throws Exception {
        ProcessRun run = mpjrun("-np", "4", "-cp", samplesClasspath(), Pi.class.getName());

        assertEquals(0, run.exitCode(), run::describe);
        Matcher line = PI_LINE.matcher(run.stdout());
        assertTrue(line.find(), run::describe);
        assertTrue(line.group(1).startsWith("3.14159"), run::describe);
        assertEquals(Math.PI, Double.parseDouble(line.group(1)), 1e-6, run::describe);
        assertTrue(Double.parseDouble(line.group(2)) < 1e-6, run::describe);
    }

    @Test
    void printsPiWithADecimalPointInAnyLocale() throws Exception {
        ProcessRun run = mpjrunWithJvmOptions(List.of("-Duser.language=de", "-Duser.country=DE"),
            "-np", "2", "-cp", samplesClasspath(), Pi.class.getName(), "1000");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("pi = 3.14159"), run::describe);
    }

    @Test
    void saysHelloOnceFromEveryRank() throws Exception {
        ProcessRun run = mpjrun("-np", "3", "-cp", samplesClasspath(), Hello.class.getName());

        assertEquals(0, run.exitCode(), run::describe);
        List<Integer> ranks = run.stdoutLines().stream().map(HELLO_LINE::matcher)
            .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        assertEquals(List.of(0, 1, 2), ranks, run::describe);
        assertEquals(3, run.stdoutLines().size(), run::describe);
    }

    @Test
    void saysHelloFromEachOfTwoHundredFiftySixRanksAsThreadsOfASmallJvm() throws Exception {
        ProcessRun run = mpjrunWithJvmOptions(List.of("-Xmx256m"), "-np", "256", "-cp", samplesClasspath(),
            Hello.class.getName());

        assertEquals(0, run.exitCode(), run::describe);
        Pattern hello = Pattern.compile("Hello from rank (\\d+) of 256 on \\S+");
        List<Integer> ranks = run.stdoutLines().stream().map(hello::matcher)
            .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        assertEquals(IntStream.range(0, 256).boxed().toList(), ranks, run::describe);
    }

    @Test
    void runsAProgramStartedWithoutMpjrunAsASingleRank() throws Exception {
        ProcessRun run = java(samplesClasspath(), Pi.class.getName(), "1000");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("pi = 3.14159"), run::describe);
        assertTrue(run.stdout().contains("1000 intervals, 1 ranks"), run::describe);
    }
}
