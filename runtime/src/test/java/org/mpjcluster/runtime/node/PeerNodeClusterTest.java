package org.mpjcluster.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.http.PeerHttpSettings;

/**
 * Three peers in this JVM: the first forms the cluster, the others join through it; they publish
 * their facts and latencies, and a peer that leaves disappears from the others' directories.
 * The tests run in order on one cluster, since forming one takes seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerNodeClusterTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private PeerNode first;
    private PeerNode second;
    private PeerNode third;
    private Path stateDir;

    @BeforeAll
    void startThreePeers(@TempDir Path stateDir) {
        this.stateDir = stateDir;
        int seedPort = TestPeers.freePort();
        first = TestPeers.start(seedPort, stateDir, List.of());
        List<String> seed = List.of("127.0.0.1:" + seedPort);
        second = TestPeers.start(TestPeers.freePort(), stateDir, seed);
        third = TestPeers.start(TestPeers.freePort(), stateDir, seed);
    }

    @AfterAll
    void stopPeers() {
        for (PeerNode node : List.of(first, second, third)) {
            node.leave().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    @Order(1)
    void everyPeerListsTheFactsOfAllThreeWithLatenciesMeasuredByTheOthers() throws InterruptedException {
        List<PeerNode> nodes = List.of(first, second, third);
        Set<String> addresses = nodes.stream().map(PeerNode::address).collect(Collectors.toSet());
        for (PeerNode node : nodes) {
            TestPeers.await(LIMIT, node.address() + " lists every peer with latencies from the other two", () -> {
                List<PeerFacts> peers = TestPeers.peersOf(node);
                return peers.size() == 3 && peers.stream().allMatch(facts -> facts.latencyMicros().size() == 2);
            });
            List<PeerFacts> peers = TestPeers.peersOf(node);
            assertEquals(addresses, peers.stream().map(PeerFacts::address).collect(Collectors.toSet()));
            for (PeerFacts facts : peers) {
                assertTrue(facts.cores() > 0, facts::toString);
                assertEquals(TestPeers.SLOTS, facts.slots(), facts::toString);
                assertEquals(TestPeers.SLOTS, facts.freeSlots(), facts::toString);
                assertTrue(facts.freeMemoryBytes() > 0, facts::toString);
                assertEquals(Runtime.version().toString(), facts.javaVersion());
                assertFalse(facts.os().isBlank(), facts::toString);
                assertEquals(httpAddressOf(nodes, facts.address()), facts.httpAddress());
                Set<String> measurers = addresses.stream().filter(a -> !a.equals(facts.address())).collect(Collectors.toSet());
                assertEquals(measurers, facts.latencyMicros().keySet(), facts::toString);
                assertTrue(facts.latencyMicros().values().stream().allMatch(micros -> micros > 0), facts::toString);
            }
        }
    }

    @Test
    @Order(2)
    void servesThePeerListOverHttpToHoldersOfTheToken() throws Exception {
        URI peers = URI.create("http://" + httpAddressOf(List.of(first), first.address()) + "/api/peers");
        ApiToken token = ApiToken.read(PeerHttpSettings.from(first.settings().config()).tokenFile());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(peers).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(peers)
            .header("Authorization", token.bearerHeaderValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        for (PeerNode node : List.of(first, second, third)) {
            assertTrue(answer.body().contains("\"address\":\"" + node.address() + "\""), answer.body());
        }
        assertTrue(stateDir.resolve("http-token").toFile().isFile());
    }

    private static String httpAddressOf(List<PeerNode> nodes, String address) {
        return nodes.stream().filter(node -> node.address().equals(address))
            .map(node -> "127.0.0.1:" + node.httpAddress().getPort()).findFirst().orElseThrow();
    }

    @Test
    @Order(3)
    void aPeerThatLeavesIsRemovedWithItsFactsAndLatencies() throws InterruptedException {
        String leaver = third.address();
        third.leave().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
        assertTrue(third.leftGracefully());

        for (PeerNode node : List.of(first, second)) {
            TestPeers.await(LIMIT, node.address() + " no longer knows " + leaver, () -> {
                List<PeerFacts> peers = TestPeers.peersOf(node);
                return Cluster.get(node.system()).state().members().size() == 2
                    && peers.size() == 2
                    && peers.stream().noneMatch(facts -> facts.latencyMicros().containsKey(leaver));
            });
        }
    }
}
