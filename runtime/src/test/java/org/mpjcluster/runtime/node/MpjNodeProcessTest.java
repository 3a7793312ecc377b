package org.mpjcluster.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers in JVMs of their own, started with {@code mpj-node join} as a user would (on the test
 * class path, so that the test needs no packaged jar), watched by a peer in this JVM: they form
 * one cluster, {@code mpj-node leave} makes one leave and exit with 0, and one that is killed is
 * downed by the split-brain resolver. The tests run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MpjNodeProcessTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Pattern HTTP_API_LINE =
        Pattern.compile("HTTP API at http://127\\.0\\.0\\.1:[1-9][0-9]* \\(mpjrun --cluster 127\\.0\\.0\\.1:[1-9][0-9]*\\)");

    private Path stateDir;
    private final List<Process> peers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private PeerNode observer;

    @BeforeAll
    void startThreePeerJvmsAndAnObserver(@TempDir Path dir) throws IOException {
        stateDir = dir;
        String seed = "127.0.0.1:" + startPeer(List.of());
        startPeer(List.of("--seed", seed));
        startPeer(List.of("--seed", seed));
        observer = TestPeers.start(TestPeers.freePort(), stateDir, List.of(seed));
    }

    @AfterAll
    void stopAll() {
        peers.forEach(Process::destroyForcibly);
        if (observer != null) {
            observer.leave().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    @Order(1)
    void peersInTheirOwnJvmsFormOneClusterAndPublishTheirFacts() throws InterruptedException {
        TestPeers.await(LIMIT, "the observer lists four peers\n" + logs(), () -> TestPeers.peersOf(observer).size() == 4);
        assertEquals(4, upMembers().size());
    }

    @Test
    @Order(1)
    void eachPeerLogsTheAddressOfItsHttpApiAtStart() throws InterruptedException {
        for (int index = 0; index < ports.size(); index++) {
            Path log = stateDir.resolve("peer-" + ports.get(index) + ".log");
            TestPeers.await(LIMIT, "peer " + index + " logs its HTTP API address\n" + logs(),
                () -> HTTP_API_LINE.matcher(read(log)).find());
        }
    }

    @Test
    @Order(2)
    void leaveCommandMakesThePeerLeaveGracefullyAndExitWithZero() throws Exception {
        Process leave = java(List.of("leave", "--port", String.valueOf(ports.get(1))), "leave").start();
        assertTrue(leave.waitFor(30, TimeUnit.SECONDS), "mpj-node leave returns");
        assertEquals(0, leave.exitValue(), this::logs);
        assertTrue(peers.get(1).waitFor(10, TimeUnit.SECONDS), "the peer has stopped");
        assertEquals(0, peers.get(1).exitValue(), this::logs);
        assertTrue(Files.notExists(PidFile.of(stateDir, ports.get(1)).path()), "the peer removed its pid file");

        TestPeers.await(LIMIT, "the observer sees the peer gone", () -> upMembers().size() == 3);
    }

    @Test
    @Order(3)
    void aKilledPeerIsDownedByTheSplitBrainResolver() throws InterruptedException {
        String killed = "127.0.0.1:" + ports.get(2);
        long start = System.nanoTime();
        peers.get(2).destroyForcibly();

        TestPeers.await(LIMIT, "the observer sees " + killed + " unreachable",
            () -> Cluster.get(observer.system()).state().getUnreachable().stream()
                .anyMatch(member -> PeerAddress.of(member.address()).equals(killed)));
        long unreachableMillis = (System.nanoTime() - start) / 1_000_000;
        TestPeers.await(LIMIT, "the split-brain resolver removes " + killed,
            () -> upMembers().size() == 2 && TestPeers.peersOf(observer).size() == 2);
        long removedMillis = (System.nanoTime() - start) / 1_000_000;
        // Tuned for about 2 s; the bound leaves room for a slow, busy test machine.
        assertTrue(unreachableMillis < 6_000, "unreachable after " + unreachableMillis + " ms");
        System.out.printf("killed peer unreachable after %d ms, removed after %d ms%n", unreachableMillis, removedMillis);
    }

    private List<String> upMembers() {
        return StreamSupport.stream(Cluster.get(observer.system()).state().getMembers().spliterator(), false)
            .map(Member::address).map(PeerAddress::of).collect(Collectors.toList());
    }

    private int startPeer(List<String> seedOptions) throws IOException {
        int port = TestPeers.freePort();
        List<String> args = new ArrayList<>(List.of("join", "--host", "127.0.0.1", "--port", String.valueOf(port),
            "--slots", "2", "--http-port", "0"));
        args.addAll(seedOptions);
        peers.add(java(args, "peer-" + port).start());
        ports.add(port);
        return port;
    }

    private ProcessBuilder java(List<String> args, String name) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-Xmx256m",
            "-Dmpj.node.state-dir=" + stateDir,
            "-Dmpj.node.down-unreachable-after=2s",
            "-cp", System.getProperty("java.class.path"),
            MpjNode.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(stateDir.resolve(name + ".log").toFile());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private String logs() {
        try (var files = Files.list(stateDir)) {
            StringBuilder all = new StringBuilder();
            for (Path log : files.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                all.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
            return all.toString();
        } catch (IOException e) {
            return "(logs unreadable: " + e + ")";
        }
    }
}
