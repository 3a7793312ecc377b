package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.runtime.cli.programs.ReadsStandardInput;
import org.mpjcluster.samples.Hello;

/**
 * {@code mpjrun}'s standard input, as {@code mpirun} hands it out, with the ranks as threads, one
 * JVM per rank and several ranks per JVM: rank 0 reads all of it, intact and in order, the other
 * ranks read end-of-file at once; and a job whose rank 0 never reads ends although the input is
 * never closed.
 */
class MpjRunStandardInputTest {

    @TempDir
    static Path dir;

    private static Path programs;
    private static StandardInput input;

    @BeforeAll
    static void writeTheInput() throws Exception {
        programs = MpjRunLauncher.copyPrograms(dir.resolve("programs"));
        input = StandardInput.write(dir.resolve("input.txt"), 5 * 1024 * 1024);
    }

    /** {@code mpjrun} options for {@code layout} ("threads" for none) on {@code ranks} ranks, then {@code rest}. */
    private static List<String> layout(String layout, int ranks, String... rest) {
        List<String> args = new ArrayList<>(layout.equals("threads") ? List.of() : Arrays.asList(layout.split(" ")));
        args.addAll(List.of("-np", Integer.toString(ranks)));
        args.addAll(Arrays.asList(rest));
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "--processes", "--ranks-per-jvm 2"})
    void rankZeroReadsAllTheInputAndTheOtherRanksReadEndOfFile(String layout) throws Exception {
        List<String> args = layout(layout, 3, "-cp", programs.toString(), ReadsStandardInput.class.getName());

        ProcessRun run = ProcessRun.withInput(MpjRunLauncher.mpjrunCommand(List.of(), args.toArray(String[]::new)), dir,
            Redirect.from(input.file().toFile()));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(input.readBy(3), run.stdoutLines().stream().sorted().toList(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threads", "--processes"})
    void aJobWhoseRankZeroNeverReadsEndsWhileTheInputStaysOpen(String layout) throws Exception {
        List<String> args = layout(layout, 2, "-cp", MpjRunLauncher.samplesClasspath(), Hello.class.getName());

        ProcessRun run = ProcessRun.withInput(MpjRunLauncher.mpjrunCommand(List.of(), args.toArray(String[]::new)), dir,
            Redirect.PIPE);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(2, run.stdoutLines().size(), run::describe);
    }
}
