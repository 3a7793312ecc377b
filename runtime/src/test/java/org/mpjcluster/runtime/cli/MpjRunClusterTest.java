package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.TaggedOutput.ranksPerPeer;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.cli.programs.ChecksCollectives;
import org.mpjcluster.runtime.cli.programs.PrintsArguments;
import org.mpjcluster.runtime.cli.programs.ReadsStandardInput;
import org.mpjcluster.runtime.client.ClusterClient;
import org.mpjcluster.runtime.client.ClusterJob;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.job.JobSummary;
import org.mpjcluster.runtime.job.JobUpdate;
import org.mpjcluster.runtime.job.Placement;
import org.mpjcluster.runtime.job.RankState;

/**
 * {@code mpjrun --cluster} on three peers, each a JVM of its own with its own state directory,
 * as a user runs it: the samples and test programs travel as jars, placement follows the
 * strategy, jobs share the peers' slots without oversubscribing them, a second run ships
 * nothing, a killed worker or a cancelled mpjrun ends the job and frees its slots, a wrong
 * token is refused, rank 0 reads mpjrun's standard input wherever it runs, a hostfile's first
 * peer that answers takes the job, and a job runs on the peers left after one leaves. The tests run in order
 * on one cluster; each leaves every slot free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class MpjRunClusterTest {

    private static final int PEERS = 3;
    private static final int SLOTS = 3;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Path dir;
    private PeerJvms peers;
    private Path samples;
    private Path programs;

    @BeforeAll
    void startThePeers(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        peers = PeerJvms.start(dir.resolve("peers"), PEERS, SLOTS);
        samples = MpjRunLauncher.samplesJar(dir.resolve("samples.jar"));
        programs = MpjRunLauncher.jarPrograms(dir.resolve("programs.jar"), null);
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @AfterAll
    void stopThePeers() throws InterruptedException {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    @Order(1)
    void spreadPutsTwoOfSixRanksOnEveryPeerAndPiComesOut() throws Exception {
        TaggedOutput.assertSpreadHelloAndPi(peers, samples, dir);
    }

    @Test
    @Order(2)
    void concentrateFillsTwoPeersAndTheCollectivesAreRightOnEveryRank() throws Exception {
        ProcessRun hello = submit("--strategy", "concentrate", "--tag-output", "-np", "6", "-cp", samples.toString(),
            "org.mpjcluster.samples.Hello");
        Map<String, Integer> placed = ranksPerPeer(hello, 6, "Hello from rank %d of 6");
        assertEquals(List.of(3, 3), List.copyOf(placed.values()), hello::describe);
        assertTrue(placed.containsKey(peers.address(0)), "the peer submitted to is the closest: " + placed);

        for (String strategy : List.of("spread", "concentrate")) {
            ProcessRun collectives = submit("--strategy", strategy, "--tag-output", "-np", "6", "-cp",
                programs.toString(), ChecksCollectives.class.getName());
            ranksPerPeer(collectives, 6, "rank %d of 6 collectives ok");
        }
    }

    @Test
    @Order(3)
    void aSecondRunShipsNothingAndEveryPeerCachesTheJar() throws Exception {
        Path fresh = MpjRunLauncher.jarPrograms(dir.resolve("fresh.jar"), null);
        Files.writeString(dir.resolve("note.txt"), "made fresh");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("extra.jar")))) {
            out.putNextEntry(new JarEntry("note.txt"));
            out.write(String.valueOf(System.nanoTime()).getBytes());
        }
        String classpath = fresh + java.io.File.pathSeparator + dir.resolve("extra.jar");
        String[] job = {"-v", "--strategy", "spread", "-np", "3", "-cp", classpath,
            PrintsArguments.class.getName()};
        ProcessRun first = submit(job);
        assertTrue(first.stderr().contains("extra.jar shipped to the peer"), first::describe);
        ProcessRun second = submit(job);
        assertTrue(second.stderr().contains("extra.jar is cached on the peer already"), second::describe);
        assertTrue(second.stderr().contains("fresh.jar is cached on the peer already"), second::describe);
        String extra = BlobId.of(dir.resolve("extra.jar")).hex();
        for (int peer = 0; peer < PEERS; peer++) {
            assertTrue(Files.exists(peers.stateDir(peer).resolve("cache").resolve(extra)), "peer " + peer + " caches it");
        }
    }

    @Test
    @Order(4)
    void aJarRunsByItsManifestsMainClassWithItsArguments() throws Exception {
        Path executable = MpjRunLauncher.jarPrograms(dir.resolve("executable.jar"), PrintsArguments.class);
        ProcessRun run = submit("-np", "2", "-jar", executable.toString(), "one", "two words");
        assertEquals(List.of("rank 0 of 2 args [one, two words]", "rank 1 of 2 args [one, two words]"),
            run.stdout().lines().sorted().toList(), run::describe);
    }

    @Test
    @Order(5)
    void anApplicationRunsAJobThroughTheEmbeddingApiAndGetsEveryLine() throws Exception {
        List<JobUpdate.Output> lines = new CopyOnWriteArrayList<>();
        ClusterJob.Result result = ClusterJob.of(ClusterClient.at(peers.http(0)), ApiToken.read(peers.tokenFile(0)))
            .ranks(3).classpath(List.of(programs)).mainClass(PrintsArguments.class.getName()).args(List.of("x y"))
            .onOutput(lines::add)
            .run();

        assertTrue(result.succeeded(), result::toString);
        assertTrue(result.jobId().endsWith("@" + peers.address(0)), result::toString);
        assertEquals(List.of("rank 0 of 3 args [x y]", "rank 1 of 3 args [x y]", "rank 2 of 3 args [x y]"),
            lines.stream().map(JobUpdate.Output::line).sorted().toList());
        assertEquals(3, lines.stream().map(JobUpdate.Output::peer).distinct().count(), "spread over the three peers");
    }

    @Test
    @Order(6)
    void theRanksGetTheFilesEnvironmentJvmOptionsAndWorkingDirectoryAsked() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "shipped content\n");
        String program = "org.mpjcluster.runtime.cli.programs.DescribesItsSurroundings";
        ProcessRun fresh = submit("--strategy", "spread", "-np", "3", "--files", data.toString(), "--env",
            "MPJ_TEST_VALUE=from mpjrun", "--jvm-opt=-Dmpj.test.option=given", "-cp", programs.toString(), program,
            "MPJ_TEST_VALUE", "data.txt", "mpj.test.option");
        List<String> lines = fresh.stdout().lines().sorted().toList();
        assertEquals(3, lines.size(), fresh::describe);
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(lines.get(rank).startsWith("rank " + rank + " env=from mpjrun file=shipped content"
                + " property=given dir="), fresh::describe);
        }

        for (int peer = 0; peer < PEERS; peer++) {
            Path jobs = peers.stateDir(peer).resolve("jobs");
            try (Stream<Path> left = Files.list(jobs)) {
                assertEquals(List.of(), left.toList(), "peer " + peer + " removed the job's fresh working directory");
            }
        }

        Path workingDirectory = Files.createDirectories(dir.resolve("chosen"));
        ProcessRun chosen = submit("-np", "1", "--wdir", workingDirectory.toString(), "-cp", programs.toString(), program,
            "MPJ_TEST_VALUE", "data.txt", "mpj.test.option");
        assertEquals("rank 0 env=null file=(missing) property=null dir=" + workingDirectory, chosen.stdout().strip(),
            chosen::describe);
    }

    @Test
    @Order(7)
    void jobsShareThePeersWithoutOversubscribingThemAndAJobWaitsForSlots() throws Exception {
        Path go = dir.resolve("go");
        try (RunningMpjRun holding = RunningMpjRun.start(peers.submitting("-np", "6", "-cp", programs.toString(),
            "org.mpjcluster.runtime.cli.programs.WaitsForFile", go.toString()))) {
            holding.awaitStdoutLines(6, LIMIT);

            ProcessRun refused = submit(List.of(1), "-np", "6", "-cp", samples.toString(), "org.mpjcluster.samples.Hello");
            assertTrue(refused.stderr().contains("needs 6 slots but the cluster has 9 slots over 3 peers, of which 3 are free"),
                refused::describe);
            ProcessRun alongside = submit("-np", "3", "-cp", samples.toString(), "org.mpjcluster.samples.Hello");
            assertEquals(3, alongside.stdout().lines().filter(line -> line.startsWith("Hello from rank")).count(),
                alongside::describe);

            try (RunningMpjRun waiting = RunningMpjRun.start(peers.submitting("--wait-for-slots", "60s", "-np", "6",
                "-cp", samples.toString(), "org.mpjcluster.samples.Hello"))) {
                Thread.sleep(1500);
                assertTrue(waiting.handle().isAlive(), "the job waits while the slots are taken");
                Files.createFile(go);
                assertEquals(0, holding.awaitEnd(LIMIT).exitCode());
                ProcessRun waited = waiting.awaitEnd(LIMIT);
                assertEquals(0, waited.exitCode(), waited::describe);
                assertEquals(6, waited.stdout().lines().filter(line -> line.startsWith("Hello from rank")).count());
            }
        }
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(8)
    void aKilledWorkerEndsTheJobNamingItsRanksAndPeerAndFreesEverySlot() throws Exception {
        try (RunningMpjRun running = startWaitingJob(3)) {
            running.awaitStdoutLines(3, LIMIT);
            ProcessHandle worker = workersOf(1).get(0);
            worker.destroyForcibly();
            ProcessRun ended = running.awaitEnd(Duration.ofSeconds(20));
            assertEquals(137, ended.exitCode(), ended::describe);
            assertTrue(ended.stderr().contains("(pid " + worker.pid() + " on peer " + peers.address(1) + ") died"),
                ended::describe);
        }
        assertTrue(peers.process(1).isAlive(), "the peer keeps running");
        peers.awaitFreeSlots(PEERS * SLOTS);
        awaitNoWorkers();
    }

    @Test
    @Order(9)
    void stoppingMpjrunCancelsTheJobEverywhere() throws Exception {
        try (RunningMpjRun running = startWaitingJob(3)) {
            running.awaitStdoutLines(3, LIMIT);
            running.handle().destroy();
        }
        awaitNoWorkers();
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(10)
    void theJobsAreListedAndOneIsCancelledByItsId() throws Exception {
        try (RunningMpjRun running = startWaitingJob(2)) {
            running.awaitStdoutLines(2, LIMIT);
            ProcessRun listed = submit("--jobs");
            List<String> rows = listed.stdout().lines().filter(line -> line.contains("@" + peers.address(0))).toList();
            assertEquals(1, rows.size(), listed::describe);
            assertTrue(rows.get(0).matches("\\S+ +2 +running +\\d+ s +.*WaitsForFile +.*"), listed::describe);
            String jobId = rows.get(0).split(" ")[0];
            JobSummary summary = ClusterClient.at(peers.http(0)).jobs(ApiToken.read(peers.tokenFile(0))).stream()
                .filter(job -> job.jobId().equals(jobId)).findFirst().orElseThrow();
            assertEquals(List.of(0, 1), summary.rankStates().stream().map(RankState::rank).toList(), summary::toString);
            for (RankState rank : summary.rankStates()) {
                Placement.Share share = summary.shares().stream().filter(s -> rank.rank() >= s.firstRank()
                    && rank.rank() < s.firstRank() + s.rankCount()).findFirst().orElseThrow();
                assertEquals(share.peer(), rank.peer(), summary::toString);
                assertEquals("started", rank.state(), summary::toString);
                assertTrue(rank.pid() > 0, summary::toString);
            }

            submit("--cancel", jobId);
            ProcessRun cancelled = running.awaitEnd(Duration.ofSeconds(20));
            assertEquals(130, cancelled.exitCode(), cancelled::describe);
            assertTrue(cancelled.stderr().contains("cancelled by a user"), cancelled::describe);

            ProcessRun unknown = submit(List.of(1), "--cancel", jobId);
            assertTrue(unknown.stderr().contains("no job " + jobId + " runs"), unknown::describe);
        }
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(11)
    void aMissingOrWrongTokenIsRefused() throws Exception {
        ProcessRun wrong = ProcessRun.of(MpjRunLauncher.mpjrunCommand(List.of(), "--cluster", peers.http(0), "--token",
            "not-the-token", "-np", "2", "-cp", samples.toString(), "org.mpjcluster.samples.Hello"), dir);
        assertEquals(1, wrong.exitCode(), wrong::describe);
        assertTrue(wrong.stderr().contains("refused the token"), wrong::describe);
        assertTrue(wrong.stdout().isEmpty(), wrong::describe);
    }

    @Test
    @Order(12)
    void aJobThatOutlivesItsTimeoutEndsNamingItAndStopsEveryWorker() throws Exception {
        ProcessRun timedOut = submit(List.of(1), "--timeout", "2s", "--strategy", "spread", "-np", "3", "-cp",
            programs.toString(), "org.mpjcluster.runtime.cli.programs.WaitsForFile", dir.resolve("never").toString());

        assertTrue(timedOut.stderr().contains("the job did not finish within its timeout of 2000 ms"), timedOut::describe);
        awaitNoWorkers();
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    /**
     * The peers' abort grace is 3 s; a job asking for 10 minutes keeps its other ranks running well
     * past that after rank 0 failed, until they see the file and learn of the failure in MPI.
     */
    @Test
    @Order(13)
    void aLongAbortGraceLetsTheOtherRanksRunOnAfterARankFailed() throws Exception {
        Path go = dir.resolve("go-after-the-grace");
        try (RunningMpjRun running = RunningMpjRun.start(peers.submitting("--abort-grace", "10m", "--strategy", "spread",
            "-np", "3", "-cp", programs.toString(),
            "org.mpjcluster.runtime.cli.programs.ThrowsOnRankZeroWhileOthersWaitForFile", go.toString()))) {
            running.awaitStdoutLines(3, LIMIT);
            List<ProcessHandle> others = awaitWorkers(2);
            // Rank 0's JVM has ended: time for the peers' own grace (3 s, and 0.5 s to exit) to run out twice over.
            Thread.sleep(7_000);
            assertTrue(others.stream().allMatch(ProcessHandle::isAlive), "the other ranks' JVMs still run");

            Files.createFile(go);
            ProcessRun ended = running.awaitEnd(LIMIT);
            assertEquals(1, ended.exitCode(), ended::describe);
            assertEquals(2, ended.stdout().lines().filter(line -> line.endsWith(" saw the file")).count(),
                ended::describe);
            assertTrue(ended.stderr().contains("rank 0 fails on purpose"), ended::describe);
            assertFalse(ended.stderr().contains("abandoned"), ended::describe);
        }
        awaitNoWorkers();
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(14)
    void rankZeroReadsAllOfMpjrunsInputOnWhicheverPeerItRunsAndTheOtherRanksReadEndOfFile() throws Exception {
        StandardInput input = StandardInput.write(dir.resolve("input.txt"), 5 * 1024 * 1024);
        ProcessRun near = submitWithInput(Redirect.from(input.file().toFile()), "-np", "3", "-cp", programs.toString(),
            ReadsStandardInput.class.getName());
        assertEquals(input.readBy(3), near.stdout().lines().sorted().toList(), near::describe);

        // With every slot of the peer submitted to taken, rank 0 runs on another peer, and the input travels between peers.
        Path go = dir.resolve("go-after-input");
        try (RunningMpjRun holding = RunningMpjRun.start(peers.submitting("--strategy", "concentrate", "-np",
            String.valueOf(SLOTS), "-cp", programs.toString(), "org.mpjcluster.runtime.cli.programs.WaitsForFile",
            go.toString()))) {
            holding.awaitStdoutLines(SLOTS, LIMIT);
            ProcessRun far = submitWithInput(Redirect.from(input.file().toFile()), "--tag-output", "-np", "3", "-cp",
                programs.toString(), ReadsStandardInput.class.getName());
            List<TaggedOutput.Line> lines = TaggedOutput.lines(far);
            assertEquals(input.readBy(3), lines.stream().map(TaggedOutput.Line::text).sorted().toList(), far::describe);
            assertTrue(lines.stream().anyMatch(line -> line.rank() == 0 && !line.peer().equals(peers.address(0))),
                far::describe);
            Files.createFile(go);
            assertEquals(0, holding.awaitEnd(LIMIT).exitCode());
        }
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(15)
    void rankZeroReadsEndOfFileAtOnceForEmptyInputAndAJobThatNeverReadsEndsWhileTheInputStaysOpen() throws Exception {
        ProcessRun empty = submitWithInput(Redirect.from(new File("/dev/null")), "-np", "2", "-cp", programs.toString(),
            ReadsStandardInput.class.getName());
        assertEquals(StandardInput.EMPTY.readBy(2), empty.stdout().lines().sorted().toList(), empty::describe);

        ProcessRun unread = submitWithInput(Redirect.PIPE, "-np", "3", "-cp", samples.toString(),
            "org.mpjcluster.samples.Hello");
        assertEquals(3, unread.stdout().lines().filter(line -> line.startsWith("Hello from rank")).count(),
            unread::describe);
    }

    @Test
    @Order(16)
    void aJobSubmittedThroughTheApiWithAMissingMainClassEndsWithStatusTwo() throws Exception {
        ClusterJob.Result result = ClusterJob.of(ClusterClient.at(peers.http(0)), ApiToken.read(peers.tokenFile(0)))
            .ranks(2).classpath(List.of(programs)).mainClass("org.example.NoSuchMain").run();

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(String.join("\n", result.report()).contains("main class org.example.NoSuchMain not found"),
            result::toString);
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    @Test
    @Order(17)
    void aHostfileSubmitsToItsFirstPeerThatAnswers() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1:" + closed + " slots=3  # down\n"
            + peers.http(1) + "\n" + peers.http(0) + "\n");

        // Peer 1 refuses peer 0's token: every peer has a token of its own.
        ProcessRun run = ProcessRun.of(MpjRunLauncher.mpjrunCommand(List.of(), "-machinefile", hosts.toString(),
            "--token-file", peers.tokenFile(0).toString(), "-v", "-np", "3", "-cp", samples.toString(),
            "org.mpjcluster.samples.Hello"), dir);

        assertEquals(0, run.exitCode(), () -> run.describe() + peers.logs());
        assertEquals(3, run.stdout().lines().filter(line -> line.startsWith("Hello from rank")).count(), run::describe);
        assertTrue(run.stderr().contains("mpjrun: skipping 127.0.0.1:" + closed + ": cannot connect"), run::describe);
        assertTrue(run.stderr().contains("mpjrun: skipping " + peers.http(1) + ": the peer at " + peers.http(1)
            + " refused the token"), run::describe);
        assertTrue(run.stderr().contains("mpjrun: using peer " + peers.http(0)), run::describe);
    }

    @Test
    @Order(20)
    void aLeavingPeerLetsItsRunningJobFinishThenAJobRunsOnThePeersLeft() throws Exception {
        Path go = dir.resolve("go-while-leaving");
        // Spread, 7 ranks take 3, 2 and 2 slots: every peer keeps ranks running, and one slot free but the first.
        try (RunningMpjRun running = RunningMpjRun.start(peers.submitting("--strategy", "spread", "-np", "7", "-cp",
            programs.toString(), "org.mpjcluster.runtime.cli.programs.WaitsForFile", go.toString()))) {
            running.awaitStdoutLines(7, LIMIT);
            Thread leaving = new Thread(() -> {
                try {
                    peers.leave(2);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            leaving.start();
            Thread.sleep(1500);
            assertTrue(peers.process(2).isAlive(), "the leaving peer waits for its job");
            // Two slots are free, but the leaving peer's is no longer offered.
            ProcessRun refused = submit(List.of(1), "-np", "2", "-cp", samples.toString(), "org.mpjcluster.samples.Hello");
            assertTrue(refused.stderr().contains("of which 1 are free"), refused::describe);

            Files.createFile(go);
            ProcessRun finished = running.awaitEnd(LIMIT);
            assertEquals(0, finished.exitCode(), finished::describe);
            leaving.join(60_000);
            assertTrue(!peers.process(2).isAlive() && peers.process(2).exitValue() == 0, peers::logs);
        }
        peers.awaitFreeSlots((PEERS - 1) * SLOTS);
        ProcessRun hello = submit("--tag-output", "-np", "6", "-cp", samples.toString(), "org.mpjcluster.samples.Hello");
        assertEquals(Map.of(peers.address(0), 3, peers.address(1), 3), ranksPerPeer(hello, 6, "Hello from rank %d of 6"));
    }

    /** Starts a job of {@code ranks} ranks, spread, that runs until it is stopped; each rank prints a line once running. */
    private RunningMpjRun startWaitingJob(int ranks) throws IOException {
        return RunningMpjRun.start(peers.submitting("--strategy", "spread", "-np", String.valueOf(ranks), "-cp", programs.toString(),
            "org.mpjcluster.runtime.cli.programs.WaitsForFile", dir.resolve("never").toString()));
    }

    /** Runs {@code mpjrun --cluster PEER0 ARGS} with {@code input} as its standard input, expecting it to succeed. */
    private ProcessRun submitWithInput(Redirect input, String... args) throws IOException, InterruptedException {
        ProcessRun run = ProcessRun.withInput(MpjRunLauncher.mpjrunCommand(List.of(), peers.submitting(args)), dir, input);
        assertEquals(0, run.exitCode(), () -> run.describe() + "\n" + peers.logs());
        return run;
    }

    /** Runs {@code mpjrun --cluster PEER0 ARGS}, expecting it to succeed. */
    private ProcessRun submit(String... args) throws IOException, InterruptedException {
        return peers.run(dir, List.of(0), args);
    }

    private ProcessRun submit(List<Integer> expectedExit, String... args) throws IOException, InterruptedException {
        return peers.run(dir, expectedExit, args);
    }

    /** The worker JVMs peer {@code index} runs. */
    private List<ProcessHandle> workersOf(int index) {
        return peers.process(index).descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Waits until the peers run {@code count} worker JVMs in all, at most {@link #LIMIT}; returns them. */
    private List<ProcessHandle> awaitWorkers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            List<ProcessHandle> workers = new ArrayList<>();
            for (int peer = 0; peer < PEERS; peer++) {
                workers.addAll(workersOf(peer));
            }
            if (workers.size() == count) {
                return workers;
            }
            assertTrue(System.nanoTime() < deadline, "the peers run " + workers + ", not " + count + " worker JVMs");
            Thread.sleep(100);
        }
    }

    private void awaitNoWorkers() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int peer = 0; peer < PEERS; peer++) {
            while (peers.process(peer).isAlive() && !workersOf(peer).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "peer " + peer + " still runs workers " + workersOf(peer));
                Thread.sleep(100);
            }
        }
    }
}
