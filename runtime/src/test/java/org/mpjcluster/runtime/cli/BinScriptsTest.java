package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts in {@code bin/} run the built jars from any directory and reject benchmarks they
 * cannot run. The build runs this class after {@code package}, when the shaded
 * {@code mpjrun.jar} exists; elsewhere it is skipped if the jars are missing, since the scripts
 * would otherwise start a Maven build of their own.
 */
class BinScriptsTest {

    private static final String HELLO = "org.mpjcluster.samples.Hello";
    private static final String SAMPLES_JAR = "samples/target/mpj-samples.jar";

    private static Path root;

    @BeforeAll
    static void requireBuiltJars() throws URISyntaxException {
        Path testClasses = Path.of(BinScriptsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        root = testClasses.getParent().getParent().getParent();
        assumeTrue(Files.isRegularFile(root.resolve("runtime/target/mpjrun.jar")), "runtime/target/mpjrun.jar is not built");
        assumeTrue(Files.isRegularFile(root.resolve(SAMPLES_JAR)), SAMPLES_JAR + " is not built");
    }

    @Test
    void mpjrunRunsHelloFromTheRepositoryRoot() throws Exception {
        ProcessRun run = script(root, "mpjrun", "-np", "2", "-cp", SAMPLES_JAR, HELLO);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("Hello from rank 0 of 2", "Hello from rank 1 of 2"),
            run.stdoutLines().stream().map(line -> line.replaceAll(" on \\S+$", "")).sorted().toList(),
            run::describe);
    }

    @Test
    void mpjrunFindsItsJarFromAnotherDirectory(@TempDir Path elsewhere) throws Exception {
        ProcessRun run = script(elsewhere, "mpjrun", "-np", "1", "-cp", root.resolve(SAMPLES_JAR).toString(), HELLO);

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("Hello from rank 0 of 1"), run::describe);
    }

    @Test
    void mpjrunPassesOnTheExitStatusOfTheJob() throws Exception {
        ProcessRun run = script(root, "mpjrun", "-np", "0", "-cp", SAMPLES_JAR, HELLO);

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("must be at least 1"), run::describe);
    }

    @Test
    void mpjBenchRunsPingPongOnTheSharedMemoryDevice(@TempDir Path elsewhere) throws Exception {
        ProcessRun run = script(elsewhere, "mpj-bench", "pingpong", "--device", "shm", "--sizes", "4194304");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("pingpong shm 4194304 median_us="), run::describe);
    }

    /**
     * With the in-memory meeting off every call passes messages, and each line ends with what one
     * call was counted to do (a barrier of 3 ranks: 2 rounds of 1 message per rank).
     */
    @Test
    void mpjBenchRunsTheCollectivesOnceForEachRankCountAndCountsTheirMessages(@TempDir Path elsewhere)
        throws Exception {
        ProcessRun run = script(elsewhere, "mpj-bench", "collectives", "--device", "shm", "--np", "1,3",
            "--warm-up", "0", "--in-memory", "off");

        assertEquals(0, run.exitCode(), run::describe);
        String counted = " path=messages rounds=\\d+ msgs_per_rank_max=\\d+ bytes_per_rank_max=\\d+";
        assertEquals(List.of("barrier shm np=1 0", "bcast shm np=1 8", "reduce shm np=1 8", "allreduce shm np=1 8",
                "allgather shm np=1 8", "allreduce shm np=1 8388608", "bcast shm np=1 1048576",
                "alltoall shm np=1 65536", "barrier shm np=3 0", "bcast shm np=3 8", "reduce shm np=3 8",
                "allreduce shm np=3 8", "allgather shm np=3 8", "allreduce shm np=3 8388608",
                "bcast shm np=3 1048576", "alltoall shm np=3 65536"),
            run.stdoutLines().stream().map(line -> line.replaceAll(" median_us=\\S+ baseline_us=\\S+ ratio=\\S+"
                + counted + "$", "")).toList(), run::describe);
        assertTrue(run.stdoutLines().get(8).endsWith(" path=messages rounds=2 msgs_per_rank_max=2 bytes_per_rank_max=0"),
            run::describe);
    }

    @Test
    void mpjBenchRejectsAnInMemorySettingOtherThanOnOrOff() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "collectives", "--device", "shm", "--in-memory", "no");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--in-memory takes on or off, not 'no'"), run::describe);
    }

    @Test
    void mpjBenchRejectsRankCountsForPingPong() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "pingpong", "--device", "shm", "--np", "4");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--np applies to collectives only"), run::describe);
    }

    @Test
    void mpjBenchRejectsAWarmUpThatIsNoNumberOfMilliseconds() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "pingpong", "--device", "tcp", "--warm-up", "1s");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--warm-up takes milliseconds, such as 500; not '1s'"), run::describe);
    }

    @Test
    void mpjBenchRejectsARankCountOfZero() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "collectives", "--device", "shm", "--np", "2,0");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("--np takes rank counts of at least 1"), run::describe);
    }

    @Test
    void mpjBenchRunsPingPongOnTcpBetweenTwoJvmsAgainstARawSocketBaseline(@TempDir Path elsewhere) throws Exception {
        ProcessRun run = script(elsewhere, "mpj-bench", "pingpong", "--device", "tcp", "--sizes", "1024");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().matches("pingpong tcp 1024 median_us=\\S+ baseline_us=\\S+ ratio=\\S+ mb_per_s=\\S+\\n"),
            run::describe);
    }

    @Test
    void mpjBenchRejectsAnUnknownDevice() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "pingpong", "--device", "ib");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("unknown device 'ib'; the devices are shm and tcp"), run::describe);
    }

    @Test
    void mpjBenchRejectsAnUnknownBenchmark() throws Exception {
        ProcessRun run = script(root, "mpj-bench", "allreduce", "--device", "shm");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("unknown benchmark 'allreduce'"), run::describe);
    }

    @Test
    void mpjNodeRunsAPeerFromTheShadedJarThatLeavesWhenTold(@TempDir Path state) throws Exception {
        assumeTrue(Files.isRegularFile(root.resolve("runtime/target/mpj-node.jar")), "runtime/target/mpj-node.jar is not built");
        String port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = String.valueOf(probe.getLocalPort());
        }
        String options = "MPJ_JAVA_OPTS=-Dmpj.node.state-dir=" + state;
        Process peer = new ProcessBuilder("env", options, root.resolve("bin/mpj-node").toString(),
                "join", "--port", port, "--http-port", "0")
            .redirectErrorStream(true).redirectOutput(state.resolve("peer.log").toFile()).start();
        try {
            Path pidFile = state.resolve("node-" + port + ".pid");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.isRegularFile(pidFile) && peer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.isRegularFile(pidFile), () -> "no pid file; log:\n" + read(state.resolve("peer.log")));

            ProcessRun leave = ProcessRun.of(List.of("env", options, root.resolve("bin/mpj-node").toString(),
                "leave", "--port", port), root);

            assertEquals(0, leave.exitCode(), leave::describe);
            assertTrue(leave.stdout().contains("left the cluster"), leave::describe);
            assertTrue(peer.waitFor(10, TimeUnit.SECONDS), "the peer has stopped");
            assertEquals(0, peer.exitValue(), () -> read(state.resolve("peer.log")));
        } finally {
            peer.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static ProcessRun script(Path directory, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin").resolve(name).toString());
        command.addAll(List.of(args));
        return ProcessRun.of(command, directory);
    }
}
