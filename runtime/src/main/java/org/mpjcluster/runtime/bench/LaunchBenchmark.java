package org.mpjcluster.runtime.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mpjcluster.runtime.client.ClusterClient;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * {@code bin/mpj-bench launch --peers N}: how long {@code mpjrun --cluster} takes to start a job
 * on a warm cluster of N peers on loopback, each a JVM of its own, with the jar cached (the
 * first, unmeasured run ships it). For each run it measures the time from {@code mpjrun}'s start
 * to every rank past {@code MPI.Init} and to the job's end, and, as the baseline, the time a
 * bare JVM takes to start and exit. Prints the medians and how many runs failed:
 * {@code launch peers=3 runs=5 failures=0 init_s=... end_s=... jvm_start_s=...}. A failed run
 * is told on standard error with its output, and the others go on, so that many runs
 * ({@code --runs 1000}) also check that back-to-back jobs never fail.
 *
 * <p>Usage: {@code LaunchBenchmark --peers N --node-jar mpj-node.jar --mpjrun-jar mpjrun.jar
 * --samples-jar mpj-samples.jar [--runs R]}.
 */
public final class LaunchBenchmark {

    private static final Duration FORMING = Duration.ofSeconds(60);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    private static final int SLOTS_PER_PEER = 2;
    private static final String PROBE = "org.mpjcluster.bench.LaunchProbe";
    private static final String JVM_PROBE = "org.mpjcluster.bench.JvmStartProbe";

    private final int peerCount;
    private final int runs;
    private final Path nodeJar;
    private final Path mpjrunJar;
    private final Path samplesJar;
    private final Path dir;
    private final List<Process> peers = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();
    private int failures;

    private LaunchBenchmark(int peerCount, int runs, Path nodeJar, Path mpjrunJar, Path samplesJar, Path dir) {
        this.peerCount = peerCount;
        this.runs = runs;
        this.nodeJar = nodeJar;
        this.mpjrunJar = mpjrunJar;
        this.samplesJar = samplesJar;
        this.dir = dir;
    }

    /** Runs the benchmark and prints its line; exits with 2 on bad arguments, 1 if a run failed. */
    public static void main(String[] args) throws Exception {
        try {
            requireKnownOptions(args);
            int peerCount = Integer.parseInt(option(args, "--peers", "3"));
            int runs = Integer.parseInt(option(args, "--runs", "5"));
            if (peerCount < 1 || runs < 1) {
                throw new IllegalArgumentException("--peers and --runs must be at least 1");
            }
            LaunchBenchmark benchmark = new LaunchBenchmark(peerCount, runs, jar(args, "--node-jar"),
                jar(args, "--mpjrun-jar"), jar(args, "--samples-jar"), Files.createTempDirectory("mpj-bench-launch"));
            System.out.println(benchmark.run());
            if (benchmark.failures > 0) {
                System.exit(1);
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: a count that is not a number.
            System.err.println("mpj-bench launch: " + e.getMessage());
            System.exit(2);
        }
    }

    private String run() throws Exception {
        try {
            startPeers();
            awaitCluster();
            launch(0);
            List<Double> init = new ArrayList<>();
            List<Double> end = new ArrayList<>();
            List<Double> jvmStart = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                double[] launched = launch(i);
                if (launched != null) {
                    init.add(launched[0]);
                    end.add(launched[1]);
                }
                jvmStart.add(timeJvmStart());
            }
            String line = String.format(Locale.ROOT,
                "launch peers=%d runs=%d failures=%d init_s=%.3f end_s=%.3f jvm_start_s=%.3f",
                peerCount, runs, failures, median(init), median(end), median(jvmStart));
            stopPeers();
            if (failures == 0) {
                deleteTree(dir);
            } else {
                System.err.println("mpj-bench launch: the peers' logs are in " + dir);
            }
            return line;
        } finally {
            // After a failure the peers' logs stay in the directory, which the error names.
            stopPeers();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void startPeers() throws IOException {
        int seedPort = 0;
        for (int i = 0; i < peerCount; i++) {
            int port = freePort();
            int http = freePort();
            Path state = dir.resolve("peer-" + i);
            Files.createDirectories(state);
            List<String> command = new ArrayList<>(List.of(java(), "-Dmpj.node.state-dir=" + state,
                "-Dmpj.node.facts-interval=500ms", "-jar", nodeJar.toString(), "join", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--slots", String.valueOf(SLOTS_PER_PEER),
                "--http-port", String.valueOf(http)));
            if (i == 0) {
                seedPort = port;
            } else {
                command.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
            }
            peers.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(state.resolve("peer.log").toFile()).start());
            httpPorts.add(http);
        }
    }

    private void awaitCluster() throws Exception {
        ClusterClient client = ClusterClient.at(contact());
        long deadline = System.nanoTime() + FORMING.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                List<PeerFacts> facts = client.peers(token());
                if (facts.size() == peerCount && facts.stream().mapToInt(PeerFacts::freeSlots).sum()
                    == peerCount * SLOTS_PER_PEER) {
                    return;
                }
            } catch (ClusterClient.ClusterException | IOException e) {
                // Not up yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the " + peerCount + " peers did not form a cluster within "
            + FORMING.toSeconds() + " s; see their logs in " + dir);
    }

    /**
     * Run {@code run} (0 ships the jar), one job of one rank per peer: seconds to every rank past
     * Init, and to mpjrun's exit; or null, after telling why on standard error, if it failed.
     */
    private double[] launch(int run) throws IOException, InterruptedException {
        Path out = dir.resolve("mpjrun.out");
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        Process mpjrun = new ProcessBuilder(java(), "-jar", mpjrunJar.toString(), "--cluster", contact(),
            "--token-file", dir.resolve("peer-0").resolve("http-token").toString(), "-np", String.valueOf(peerCount),
            "-cp", samplesJar.toString(), PROBE)
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = mpjrun.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        double endSeconds = (System.nanoTime() - startNanos) / 1e9;
        List<String> lines = List.of();
        if (ended) {
            lines = Files.readAllLines(out);
        } else {
            mpjrun.destroyForcibly();
        }
        long inits = lines.stream().filter(line -> line.startsWith("init-ms ")).count();
        if (!ended || mpjrun.exitValue() != 0 || inits != peerCount) {
            failures++;
            System.err.println("mpj-bench launch: run " + run + " of " + runs + " failed ("
                + (ended ? "exit status " + mpjrun.exitValue() + ", " + inits + " of " + peerCount + " ranks started"
                : "still running after " + RUN_LIMIT.toSeconds() + " s") + "):\n" + Files.readString(out));
            return null;
        }
        long lastInit = lines.stream().filter(line -> line.startsWith("init-ms "))
            .mapToLong(line -> Long.parseLong(line.split(" ")[2])).max().getAsLong();
        return new double[] {(lastInit - startMillis) / 1e3, endSeconds};
    }

    private double timeJvmStart() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process jvm = new ProcessBuilder(java(), "-cp", samplesJar.toString(), JVM_PROBE).inheritIO().start();
        jvm.waitFor();
        return (System.nanoTime() - start) / 1e9;
    }

    private void stopPeers() throws InterruptedException {
        peers.removeIf(peer -> !peer.isAlive());
        peers.forEach(Process::destroy);
        for (Process peer : peers) {
            if (!peer.waitFor(30, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
    }

    private String contact() {
        return "127.0.0.1:" + httpPorts.get(0);
    }

    private ApiToken token() throws IOException {
        return ApiToken.read(dir.resolve("peer-0").resolve("http-token"));
    }

    /** The median of {@code values}, NaN for none (every run failed). */
    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path jar(String[] args, String name) {
        String value = option(args, name, null);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalArgumentException(name + " must name an existing jar, not " + value);
        }
        return Path.of(value);
    }

    private static void requireKnownOptions(String[] args) {
        List<String> known = List.of("--peers", "--runs", "--node-jar", "--mpjrun-jar", "--samples-jar");
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: '" + args[i]
                    + "'; the options are --peers N and --runs R");
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
    }
}
