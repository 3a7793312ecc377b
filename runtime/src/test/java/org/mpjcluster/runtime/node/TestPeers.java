package org.mpjcluster.runtime.node;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Settings and waiting for peer tests: loopback, free ports, quick facts and probes. Public, so
 * that tests of other packages (such as the job's) start their peers the same way.
 */
public final class TestPeers {

    /** Slots every test peer offers, unlike any core count, so the facts show it was applied. */
    public static final int SLOTS = 3;

    private TestPeers() {
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options (as {@code mpj.node} keys) for a test peer on {@code port} joining through {@code seeds}. */
    public static Map<String, Object> options(int port, Path stateDir, List<String> seeds) {
        Map<String, Object> options = new HashMap<>();
        options.put("mpj.node.host", "127.0.0.1");
        options.put("mpj.node.port", port);
        options.put("mpj.node.seeds", seeds);
        options.put("mpj.node.slots", SLOTS);
        options.put("mpj.node.http.port", 0);
        options.put("mpj.node.facts-interval", "300ms");
        options.put("mpj.node.probe-interval", "300ms");
        options.put("mpj.node.state-dir", stateDir.toString());
        options.put("mpj.node.down-unreachable-after", "2s");
        options.put("mpj.node.reservation-lease", "2s");
        return options;
    }

    /** Starts a peer in this JVM. */
    public static PeerNode start(int port, Path stateDir, List<String> seeds) {
        return PeerNode.start(NodeSettings.load(ConfigFactory.parseMap(options(port, stateDir, seeds))));
    }

    /**
     * Starts three peers in this JVM, the first seeding the others, and waits until each has
     * configured its slots.
     */
    public static List<PeerNode> startThree(Path stateDir) throws InterruptedException {
        int seedPort = freePort();
        PeerNode first = start(seedPort, stateDir, List.of());
        List<String> seed = List.of("127.0.0.1:" + seedPort);
        List<PeerNode> nodes = List.of(first, start(freePort(), stateDir, seed), start(freePort(), stateDir, seed));
        for (PeerNode node : nodes) {
            await(Duration.ofSeconds(10), node.address() + " configured its slots",
                () -> slotsOf(node, node).totalSlots() == SLOTS);
        }
        return nodes;
    }

    /** The state of {@code target}'s slots, asked through {@code asker}. */
    public static PeerSlots.State slotsOf(PeerNode asker, PeerNode target) {
        return PeerSlots.of(asker.system(), target.address())
            .<PeerSlots.State>ask(PeerSlots.Query::new, Duration.ofSeconds(5)).toCompletableFuture().join();
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code limit}. */
    public static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The facts {@code node} lists now. */
    public static List<PeerFacts> peersOf(PeerNode node) {
        return node.directory().peers().toCompletableFuture().join();
    }
}
