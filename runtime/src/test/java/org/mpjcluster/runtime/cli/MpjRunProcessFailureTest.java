package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        // not ProcessHandle.Info: on Linux it leaves out the arguments of a command line longer
        // than a page, which the workers' class path (with Pekko's jars) makes it; /proc has them all
        String cmdline = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline"));
        List<String> args = List.of(cmdline.split("\0"));
        int main = args.indexOf("org.mpjcluster.runtime.process.WorkerMain");
        return Integer.parseInt(args.get(main + 1));
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
