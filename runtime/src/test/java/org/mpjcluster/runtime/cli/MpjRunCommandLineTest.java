package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.samplesClasspath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpjcluster.runtime.cli.programs.PrintsArguments;
import org.mpjcluster.samples.Hello;

/** {@code mpjrun}'s options: {@code -jar}, {@code --help}, and what it says about a wrong command line. */
class MpjRunCommandLineTest {

    private static final String HELLO = Hello.class.getName();

    @Test
    void runsTheMainClassOfAJarManifestWithTheArgumentsUnchanged(@TempDir Path directory) throws Exception {
        Path jar = MpjRunLauncher.jarPrograms(directory.resolve("programs.jar"), PrintsArguments.class);

        ProcessRun run = mpjrun("-np", "2", "-jar", jar.toString(), "alpha", "two words");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 of 2 args [alpha, two words]", "rank 1 of 2 args [alpha, two words]"),
            run.stdoutLines().stream().sorted().toList(), run::describe);
    }

    @Test
    void runsAMainClassThatIsNotPublicAsJavaDoes(@TempDir Path directory) throws Exception {
        Path programs = MpjRunLauncher.copyPrograms(directory);

        ProcessRun run = mpjrun("-np", "2", "-cp", programs.toString(),
            PrintsArguments.class.getPackageName() + ".NotPublicMain");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 ran", "rank 1 ran"), run.stdoutLines().stream().sorted().toList(),
            run::describe);
    }

    @Test
    void rejectsAJarWithoutMainClass(@TempDir Path directory) throws Exception {
        Path jar = MpjRunLauncher.jarPrograms(directory.resolve("library.jar"), null);

        ProcessRun run = mpjrun("-np", "2", "-jar", jar.toString());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("has no Main-Class in its manifest"), run::describe);
    }

    static Stream<Arguments> badCommandLines() {
        String samples = samplesClasspath();
        return Stream.of(
            Arguments.of("missing -np", List.of("-cp", samples, HELLO), "missing -np N, the number of ranks to start"),
            Arguments.of("-np 0", List.of("-np", "0", "-cp", samples, HELLO), "must be at least 1, not 0"),
            Arguments.of("unknown main class", List.of("-np", "2", "-cp", samples, "org.example.NoSuchMain"),
                "main class org.example.NoSuchMain not found"),
            Arguments.of("main class without main", List.of("-np", "2", "-cp", samples, "org.mpjcluster.bench.Plan"),
                "org.mpjcluster.bench.Plan has no public static void main(String[] args)"),
            Arguments.of("missing main class", List.of("-np", "2", "-cp", samples), "missing the main class"),
            Arguments.of("nonexistent -cp entry", List.of("-np", "2", "-cp", "no-such-dir", HELLO),
                "class path entry 'no-such-dir' does not exist"),
            Arguments.of("--timeout abc", List.of("-np", "2", "--timeout", "abc", "-cp", samples, HELLO),
                "'abc' is not a duration"),
            Arguments.of("--timeout 0s", List.of("-np", "2", "--timeout", "0s", "-cp", samples, HELLO),
                "the timeout must be positive"),
            Arguments.of("-jar with -cp", List.of("-np", "2", "-cp", samples, "-jar", "x.jar"),
                "either -jar or -cp"),

            Arguments.of("--peers without --cluster", List.of("--peers"), "--peers needs --cluster HOST:PORT"),
            Arguments.of("--cluster without a port", List.of("--cluster", "localhost", "--peers"),
                "--cluster takes the HTTP address of a peer as HOST:PORT"),
            Arguments.of("--cluster with a bad port", List.of("--cluster", "localhost:http", "--peers"),
                "--cluster takes the HTTP address of a peer as HOST:PORT"),
            Arguments.of("--cluster without -np", List.of("--cluster", "localhost:8558", "-cp", samples, HELLO),
                "missing -np N"),
            Arguments.of("--files without --cluster", List.of("-np", "2", "--files", "data.txt", "-cp", samples, HELLO),
                "apply with --cluster only"),
            Arguments.of("--jobs and --peers", List.of("--cluster", "localhost:8558", "--jobs", "--peers"),
                "one of --peers, --jobs and --cancel"),
            Arguments.of("--cancel without --cluster", List.of("--cancel", "1234@h:1"), "--cancel needs --cluster"),
            Arguments.of("--cluster with a directory", List.of("--cluster", "localhost:8558", "-np", "2", "-cp",
                System.getProperty("java.io.tmpdir"), HELLO), "only files travel to the cluster"),
            Arguments.of("--token and --token-file", List.of("--cluster", "localhost:8558", "--peers", "--token", "t",
                "--token-file", "f"), "either --token or --token-file"),
            Arguments.of("--peers with a program", List.of("--cluster", "localhost:8558", "--peers", "-np", "2", "Main"),
                "runs no program"),
            Arguments.of("--hostfile with --processes", List.of("--hostfile", "hosts", "--processes", "-np", "2", "-cp",
                samples, HELLO), "--hostfile lists peers of a cluster to submit the job to; it does not start ranks "
                + "on other hosts"),
            Arguments.of("-machinefile with --ranks-per-jvm", List.of("-machinefile", "hosts", "--ranks-per-jvm", "2",
                "-np", "2", "-cp", samples, HELLO), "run a peer on each (mpj-node join --seed HOST:PORT)"),
            Arguments.of("--hostfile with --cluster", List.of("--cluster", "localhost:8558", "--hostfile", "hosts",
                "--peers"), "give either --cluster or --hostfile"),
            Arguments.of("a missing hostfile", List.of("--hostfile", "no-such-hosts", "-np", "2", "-cp", samples, HELLO),
                "the hostfile no-such-hosts does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void rejectsABadCommandLineWithStatusTwoAndSaysWhy(String problem, List<String> args, String message)
        throws Exception {
        ProcessRun run = mpjrun(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains(message), run::describe);
        assertFalse(run.stderr().contains("\tat "), () -> "a stack trace for a user error\n" + run.describe());
        assertFalse(run.stderr().contains("System.exit"), () -> "no rank ran, let alone exited\n" + run.describe());
    }

    static Stream<Arguments> badClusterJobs() {
        return Stream.of(
            Arguments.of("-np 0", List.of("-np", "0"), HELLO, "the number of ranks must be at least 1, not 0"),
            Arguments.of("unknown main class", List.of("-np", "2"), "org.example.NoSuchMain",
                "main class org.example.NoSuchMain not found"),
            Arguments.of("unknown strategy", List.of("-np", "2", "--strategy", "random"), HELLO,
                "unknown placement strategy 'random'"),
            Arguments.of("--timeout 0s", List.of("-np", "2", "--timeout", "0s"), HELLO, "the timeout must be positive"));
    }

    /** Nothing listens on port 1: a job that got as far as contacting the peer would exit with 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badClusterJobs")
    void rejectsABadClusterJobWithStatusTwoBeforeContactingThePeer(String problem, List<String> options, String main,
                                                                   String message, @TempDir Path directory)
        throws Exception {
        List<String> args = new ArrayList<>(List.of("--cluster", "127.0.0.1:1", "--token", "t"));
        args.addAll(options);
        args.addAll(List.of("-cp", MpjRunLauncher.samplesJar(directory.resolve("samples.jar")).toString(), main));

        ProcessRun run = mpjrun(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains(message), run::describe);
    }

    @Test
    void rejectsAMalformedHostfileNamingTheFileAndLine(@TempDir Path directory) throws Exception {
        Path hosts = Files.writeString(directory.resolve("hosts"), "# the peers\nnode1 slots=4\nnode2 max_slots=8\n");

        ProcessRun run = mpjrun("--hostfile", hosts.toString(), "-np", "2", "-cp", samplesClasspath(), HELLO);

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("mpjrun: the hostfile " + hosts + ", line 3: 'max_slots=8' after the peer is "
            + "not slots=N"), run::describe);
    }

    @Test
    void acceptsATimeoutTooLongToCountInNanoseconds() throws Exception {
        ProcessRun run = mpjrun("-np", "2", "--timeout", "3000000h", "-cp", samplesClasspath(), HELLO);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(2, run.stdoutLines().size(), run::describe);
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        ProcessRun run = mpjrun("--help");

        assertEquals(0, run.exitCode(), run::describe);
        for (String option : List.of("-np", "-cp", "-jar", "--timeout", "--abort-grace", "--processes",
            "--ranks-per-jvm", "--jvm-opt", "--tag-output", "--cluster", "--hostfile", "-machinefile", "--peers", "--token",
            "--token-file")) {
            assertTrue(run.stdout().contains(option), () -> option + " missing from\n" + run.describe());
        }
    }
}
