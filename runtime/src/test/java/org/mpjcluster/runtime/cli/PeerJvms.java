package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mpjcluster.runtime.client.ClusterClient;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.node.MpjNode;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * Peers of one cluster, each a JVM of its own started with {@code mpj-node join}, on loopback
 * or on an address of its own, each with its own state directory (and so its own API token and
 * cache of job files), as on separate hosts. Their logs go to files in their state directories.
 */
final class PeerJvms implements AutoCloseable {

    /** How long the peers may take to form the cluster and publish their facts. */
    static final Duration FORMING = Duration.ofSeconds(30);

    /**
     * Where a peer runs: the address its cluster port, HTTP API and ranks bind to, and the command
     * its JVM is started through (such as {@code ip netns exec NAME}), empty to start it directly.
     *
     * @param address  the peer's address
     * @param launcher command prefix of the peer's JVM
     */
    record Host(String address, List<String> launcher) {

        /** A peer on loopback, started directly. */
        static final Host LOOPBACK = new Host("127.0.0.1", List.of());
    }

    private final Path root;
    private final List<Host> hosts = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> clusterPorts = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();

    private PeerJvms(Path root) {
        this.root = root;
    }

    /** Starts {@code count} peers on loopback offering {@code slots} slots each, the first one seeding the others. */
    static PeerJvms start(Path root, int count, int slots) throws IOException {
        return start(root, slots, Collections.nCopies(count, Host.LOOPBACK));
    }

    /** Starts a peer on each of {@code hosts} offering {@code slots} slots, the first one seeding the others. */
    static PeerJvms start(Path root, int slots, List<Host> hosts) throws IOException {
        PeerJvms peers = new PeerJvms(root);
        for (Host host : hosts) {
            peers.startPeer(host, slots, peers.processes.isEmpty() ? List.of() : List.of("--seed", peers.address(0)));
        }
        return peers;
    }

    private void startPeer(Host host, int slots, List<String> seedOptions) throws IOException {
        int index = processes.size();
        int port = freePort();
        int http = freePort();
        Path state = stateDir(index);
        Files.createDirectories(state);
        List<String> command = new ArrayList<>(host.launcher());
        command.addAll(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-Xmx256m",
            "-Dmpj.node.state-dir=" + state, "-Dmpj.node.http.host=" + host.address(),
            "-Dmpj.node.facts-interval=300ms", "-Dmpj.node.probe-interval=300ms",
            "-Dmpj.node.down-unreachable-after=2s",
            "-cp", MpjRunLauncher.runtimeClasspath(), MpjNode.class.getName(),
            "join", "--host", host.address(), "--port", String.valueOf(port), "--slots", String.valueOf(slots),
            "--http-port", String.valueOf(http)));
        command.addAll(seedOptions);
        processes.add(new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(state.resolve("peer.log").toFile()).start());
        hosts.add(host);
        clusterPorts.add(port);
        httpPorts.add(http);
    }

    /** {@code host:port} of peer {@code index}'s HTTP API, for {@code mpjrun --cluster}. */
    String http(int index) {
        return hosts.get(index).address() + ":" + httpPorts.get(index);
    }

    /** {@code host:port} of peer {@code index} in the cluster, as placements name it. */
    String address(int index) {
        return hosts.get(index).address() + ":" + clusterPorts.get(index);
    }

    /** mpjrun's options that submit to peer 0 with its token, followed by {@code args}. */
    String[] submitting(String... args) {
        return Stream.concat(Stream.of("--cluster", http(0), "--token-file", tokenFile(0).toString()),
            Stream.of(args)).toArray(String[]::new);
    }

    /** Waits until the cluster lists {@code slots} free slots in all, at most {@link #FORMING}. */
    void awaitFreeSlots(int slots) throws InterruptedException {
        ClusterClient client = ClusterClient.at(http(0));
        long deadline = System.nanoTime() + FORMING.toNanos();
        int free = -1;
        while (System.nanoTime() < deadline) {
            try {
                free = client.peers(ApiToken.read(tokenFile(0))).stream().mapToInt(PeerFacts::freeSlots).sum();
                if (free == slots) {
                    return;
                }
            } catch (ClusterClient.ClusterException | IOException e) {
                // Not up yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the cluster lists " + free + " free slots, not " + slots + "\n" + logs());
    }

    /**
     * Runs {@code mpjrun --cluster PEER0 ARGS} in {@code directory}, failing the test (with the
     * peers' logs) unless it exits with one of {@code expectedExit}.
     */
    ProcessRun run(Path directory, List<Integer> expectedExit, String... args) throws IOException, InterruptedException {
        ProcessRun run = ProcessRun.of(MpjRunLauncher.mpjrunCommand(List.of(), submitting(args)), directory);
        assertTrue(expectedExit.contains(run.exitCode()), () -> run.describe() + "\n" + logs());
        return run;
    }

    /** The file holding peer {@code index}'s API token. */
    Path tokenFile(int index) {
        return stateDir(index).resolve("http-token");
    }

    /** Peer {@code index}'s state directory. */
    Path stateDir(int index) {
        return root.resolve("peer-" + index);
    }

    /** Peer {@code index}'s process. */
    Process process(int index) {
        return processes.get(index);
    }

    /** Asks peer {@code index} to leave with {@code mpj-node leave}; returns once it has exited. */
    void leave(int index) throws IOException, InterruptedException {
        Process leave = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmpj.node.state-dir=" + stateDir(index), "-cp", MpjRunLauncher.runtimeClasspath(),
            MpjNode.class.getName(), "leave", "--port", String.valueOf(clusterPorts.get(index)))
            .redirectErrorStream(true).redirectOutput(stateDir(index).resolve("leave.log").toFile()).start();
        if (!leave.waitFor(60, TimeUnit.SECONDS) || !processes.get(index).waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("peer " + index + " did not leave\n" + logs());
        }
    }

    /** Every peer's log, for failure messages. */
    String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> logs = Files.walk(root)) {
            for (Path log : logs.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                all.append("== ").append(root.relativize(log)).append('\n').append(Files.readString(log));
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e).append(')');
        }
        return all.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : processes) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
