package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer killed (SIGKILL, as a host that crashes) while it runs ranks of a job: the job ends
 * with an error naming that peer instead of hanging, the surviving peers' workers end, the dead
 * peer's own worker JVM does not outlive it, and the cluster runs the next job on the peers left.
 * When the dead peer is the one the job was submitted to, {@code mpjrun} says so.
 */
@Timeout(120)
class MpjRunPeerLossTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aJobWhosePeerDiesEndsNamingItAndTheOthersRunTheNextJob(@TempDir Path dir) throws Exception {
        try (PeerJvms peers = PeerJvms.start(dir.resolve("peers"), 3, 2)) {
            peers.awaitFreeSlots(6);
            Path programs = MpjRunLauncher.jarPrograms(dir.resolve("programs.jar"), null);
            try (RunningMpjRun running = RunningMpjRun.start(peers.submitting("--strategy", "spread", "-np", "6", "-cp",
                programs.toString(), "org.mpjcluster.runtime.cli.programs.WaitsForFile", dir.resolve("never").toString()))) {
                running.awaitStdoutLines(6, LIMIT);
                List<ProcessHandle> orphans = peers.process(2).descendants().filter(ProcessHandle::isAlive).toList();
                assertEquals(1, orphans.size(), "peer 2 runs one worker JVM");

                long killed = System.nanoTime();
                peers.process(2).destroyForcibly();

                ProcessRun ended = running.awaitEnd(LIMIT);
                System.out.printf("job ended %d ms after its peer was killed: %s%n", (System.nanoTime() - killed) / 1_000_000,
                    ended.stderr().lines().findFirst().orElse(""));
                assertNotEquals(0, ended.exitCode(), ended::describe);
                assertTrue(ended.stderr().contains("peer " + peers.address(2)), ended::describe);
                assertTrue(RunningMpjRun.allEnd(orphans, Duration.ofSeconds(20)), "the dead peer's worker ended");
                for (int peer = 0; peer < 2; peer++) {
                    List<ProcessHandle> workers = peers.process(peer).descendants().toList();
                    assertTrue(RunningMpjRun.allEnd(workers, Duration.ofSeconds(20)), "peer " + peer + "'s workers ended");
                }
            }
            peers.awaitFreeSlots(4);
            ProcessRun next = ProcessRun.of(MpjRunLauncher.mpjrunCommand(List.of(), peers.submitting("-np", "4", "-cp",
                MpjRunLauncher.samplesJar(dir.resolve("samples.jar")).toString(), "org.mpjcluster.samples.Hello")), dir);
            assertEquals(0, next.exitCode(), () -> next.describe() + "\n" + peers.logs());
            assertEquals(4, next.stdout().lines().filter(line -> line.startsWith("Hello from rank")).count(), next::describe);
        }
    }

    @Test
    void aJobWhoseSubmittedToPeerDiesEndsSayingSoAndItsWorkersOnOtherPeersStop(@TempDir Path dir) throws Exception {
        try (PeerJvms peers = PeerJvms.start(dir.resolve("peers"), 3, 1)) {
            peers.awaitFreeSlots(3);
            Path programs = MpjRunLauncher.jarPrograms(dir.resolve("programs.jar"), null);
            try (RunningMpjRun running = RunningMpjRun.start(peers.submitting("-np", "3", "-cp", programs.toString(),
                "org.mpjcluster.runtime.cli.programs.WaitsForFile", dir.resolve("never").toString()))) {
                running.awaitStdoutLines(3, LIMIT);
                List<ProcessHandle> workers = new ArrayList<>();
                for (int peer = 0; peer < 3; peer++) {
                    workers.addAll(peers.process(peer).descendants().filter(ProcessHandle::isAlive).toList());
                }
                assertEquals(3, workers.size(), "every peer runs one worker JVM");

                peers.process(0).destroyForcibly();

                ProcessRun ended = running.awaitEnd(LIMIT);
                assertEquals(1, ended.exitCode(), ended::describe);
                assertTrue(ended.stderr().contains("the peer at " + peers.http(0) + " went away mid-job"), ended::describe);
                assertTrue(ended.stderr().contains("@" + peers.address(0) + " ended with it"), ended::describe);
                assertFalse(ended.stderr().contains("is that the port"), ended::describe);
                assertTrue(RunningMpjRun.allEnd(workers, LIMIT), "the job's worker JVMs ended");
            }
        }
    }
}
