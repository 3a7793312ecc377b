package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mpi.MPI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpjcluster.runtime.cli.programs.ExitsDuringBarrier;
import org.mpjcluster.runtime.cli.programs.WaitsForFile;

/**
 * Worker JVMs of {@code mpjrun --processes} that die, a launcher that is stopped or killed, and a
 * stranger on the control port: the job ends promptly, says which rank died, and leaves no JVM.
 */
class MpjRunProcessFailureTest {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @TempDir
    static Path programs;

    @TempDir
    Path scratch;

    @BeforeAll
    static void copyPrograms() throws Exception {
        MpjRunLauncher.copyPrograms(programs);
    }

    /** Starts {@link WaitsForFile} on {@code ranks} ranks, {@code perJvm} per JVM, and waits until every rank is ready. */
    private RunningMpjRun startWaiting(int ranks, int perJvm) throws Exception {
        RunningMpjRun run = RunningMpjRun.start("--ranks-per-jvm", Integer.toString(perJvm), "-np", Integer.toString(ranks),
            "-cp", programs.toString(), WaitsForFile.class.getName(), scratch.resolve("go").toString());
        run.awaitStdoutLines(ranks, START_LIMIT);
        assertEquals((ranks + perJvm - 1) / perJvm, run.workers().size());
        return run;
    }

    @ParameterizedTest(name = "{0} ranks, {1} per JVM")
    @CsvSource({"2, 2", "3, 1", "4, 2"})
    void killingOneWorkerEndsTheOthersWithinFiveSecondsAndNamesItsRanks(int ranks, int perJvm) throws Exception {
        try (RunningMpjRun run = startWaiting(ranks, perJvm)) {
            List<ProcessHandle> workers = run.workers();
            ProcessHandle victim = workers.get(workers.size() - 1);
            long killedAt = System.nanoTime();
            victim.destroyForcibly();

            ProcessRun ended = run.awaitEnd(Duration.ofSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);

            assertTrue(took.compareTo(FIVE_SECONDS) < 0, () -> "took " + took.toMillis() + " ms\n" + ended.describe());
            assertNotEquals(0, ended.exitCode(), ended::describe);
            assertTrue(ended.stderr().contains("(pid " + victim.pid() + ") died"), ended::describe);
            assertTrue(ended.stderr().contains("killed by signal 9"), ended::describe);
            assertTrue(RunningMpjRun.allEnd(workers, Duration.ofSeconds(1)), "a worker JVM is left behind");
        }
    }

    @Test
    void aRankThatCallsSystemExitFailsTheOthersBarrierAtOnceAndIsReportedDead() throws Exception {
        // Timeouts so long that the job ends in time only if the others' calls fail at once: neither
        // giving up connecting to the dead JVM nor stopping the others after the grace may end it.
        ProcessRun run = MpjRunLauncher.mpjrunWithJvmOptions(List.of("-Dmpj.device.tcp.connect-timeout=10m"),
            "--processes", "--abort-grace", "10m", "-np", "3", "-cp", programs.toString(),
            ExitsDuringBarrier.class.getName());

        assertEquals(3, run.exitCode(), run::describe);
        assertEquals(List.of("rank 0 caught error class " + MPI.ERR_PROC_FAILED,
            "rank 2 caught error class " + MPI.ERR_PROC_FAILED), run.stdoutLines().stream().sorted().toList(),
            run::describe);
        assertTrue(run.stderr().contains("rank 1 (pid "), run::describe);
        assertTrue(run.stderr().contains("ended with exit status 3"), run::describe);
        assertFalse(run.stderr().contains("abandoned"), run::describe);
    }

    @Test
    void stoppingMpjrunEndsEveryWorker() throws Exception {
        try (RunningMpjRun run = startWaiting(2, 2)) {
            List<ProcessHandle> workers = run.workers();
            run.handle().destroy();

            ProcessRun ended = run.awaitEnd(FIVE_SECONDS);

            assertNotEquals(0, ended.exitCode(), ended::describe);
            assertTrue(ended.stderr().contains("mpjrun: stopped; ending the worker JVMs"), ended::describe);
            assertTrue(RunningMpjRun.allEnd(workers, FIVE_SECONDS), "a worker JVM outlived mpjrun");
        }
    }

    @Test
    void workersEndByThemselvesWhenMpjrunIsKilled() throws Exception {
        try (RunningMpjRun run = startWaiting(2, 2)) {
            List<ProcessHandle> workers = run.workers();
            run.handle().destroyForcibly();

            assertTrue(RunningMpjRun.allEnd(workers, FIVE_SECONDS), "a worker JVM outlived a killed mpjrun");
        }
    }

    @Test
    void refusesAControlConnectionWithoutTheJobsSecretAndCarriesOn() throws Exception {
        try (RunningMpjRun run = startWaiting(2, 2)) {
            int port = controlPort(run.workers().get(0));
            try (Socket stranger = new Socket(InetAddress.getLoopbackAddress(), port)) {
                sendHello(stranger, "0123456789abcdef0123456789abcdef", 0);
                InputStream in = stranger.getInputStream();
                assertEquals(-1, in.read(), "mpjrun answered a connection that did not know the secret");
            }
            Files.createFile(scratch.resolve("go"));

            ProcessRun ended = run.awaitEnd(Duration.ofSeconds(10));

            assertEquals(0, ended.exitCode(), ended::describe);
            assertTrue(ended.stdout().contains("rank 0 done") && ended.stdout().contains("rank 1 done"), ended::describe);
            assertTrue(ended.stderr().contains("refused a control connection"), ended::describe);
        }
    }

    /** The control port, which mpjrun passes to a worker as its first argument after the main class. */
    private static int controlPort(ProcessHandle worker) throws IOException {
        List<String> args = arguments(worker);
        int main = args.indexOf("org.mpjcluster.runtime.process.WorkerMain");
        return Integer.parseInt(args.get(main + 1));
    }

    /**
     * The worker's command line. The JDK gives no arguments for some long command lines (the
     * worker's class path lists every runtime dependency, Pekko's included), so Linux's own
     * record of it is read then.
     */
    private static List<String> arguments(ProcessHandle worker) throws IOException {
        Optional<String[]> fromJdk = worker.info().arguments();
        if (fromJdk.isPresent()) {
            return List.of(fromJdk.get());
        }
        String cmdline = Files.readString(Path.of("/proc", String.valueOf(worker.pid()), "cmdline"));
        return List.of(cmdline.split("\0"));
    }

    /**
     * Sends a HELLO frame as a worker would (layout in {@code ControlDescriptor}): length, type 1,
     * the secret as a counted UTF-8 string, the worker index.
     */
    private static void sendHello(Socket socket, String secret, int worker) throws Exception {
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(1 + 4 + secretBytes.length + 4);
        out.writeByte(1);
        out.writeInt(secretBytes.length);
        out.write(secretBytes);
        out.writeInt(worker);
        out.flush();
    }
}
