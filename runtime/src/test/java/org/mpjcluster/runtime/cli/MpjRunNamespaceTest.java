package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpjrun --cluster} on three peers that share no loopback: each peer runs in a Linux
 * network namespace of its own with an address of its own, as on separate hosts of a LAN, and
 * mpjrun submits from the test's namespace through a bridge. Skipped, with the reason, where
 * namespaces cannot be made (not Linux, not root, no {@code ip} command, or the kernel refuses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class MpjRunNamespaceTest {

    private static final int PEERS = 3;
    private static final int SLOTS = 3;

    private Path dir;
    private NetworkNamespaces namespaces;
    private PeerJvms peers;
    private Path samples;
    /** Why network namespaces cannot be made here, if they cannot. */
    private Optional<String> skipped;

    @BeforeAll
    void startAPeerInEachNamespace(@TempDir Path tempDir) throws Exception {
        skipped = makeNamespaces();
        if (skipped.isPresent()) {
            return;
        }
        dir = tempDir;
        List<PeerJvms.Host> hosts = IntStream.range(0, PEERS)
            .mapToObj(index -> new PeerJvms.Host(namespaces.address(index), namespaces.launcher(index))).toList();
        peers = PeerJvms.start(dir.resolve("peers"), SLOTS, hosts);
        samples = MpjRunLauncher.samplesJar(dir.resolve("samples.jar"));
        peers.awaitFreeSlots(PEERS * SLOTS);
    }

    /** Skips each test, rather than the class, so that the reason shows in the test report. */
    @BeforeEach
    void skipWhereNamespacesCannotBeMade() {
        assumeTrue(skipped.isEmpty(), () -> "skipped: " + skipped.get());
    }

    @AfterAll
    void stopThePeersAndRemoveTheNamespaces() throws IOException, InterruptedException {
        try {
            if (peers != null) {
                peers.close();
            }
        } finally {
            if (namespaces != null) {
                namespaces.close();
            }
        }
    }

    @Test
    void ranksSpreadOverPeersOnTheirOwnAddressesTalkAcrossTheBridge() throws Exception {
        TaggedOutput.assertSpreadHelloAndPi(peers, samples, dir);
    }

    /** Makes a namespace per peer, or returns why they cannot be made here. */
    private Optional<String> makeNamespaces() throws IOException {
        Optional<String> unsupported = NetworkNamespaces.unsupportedBecause();
        if (unsupported.isPresent()) {
            return unsupported;
        }
        NetworkNamespaces.removeStale();
        try {
            namespaces = NetworkNamespaces.create(PEERS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("network namespaces cannot be made here: " + e.getMessage());
        }
    }
}
