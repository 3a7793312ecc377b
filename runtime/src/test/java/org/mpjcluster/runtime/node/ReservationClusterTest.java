package org.mpjcluster.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three peers in this JVM reserve slots on each other through the {@link PeerSlots} entities:
 * grants are all-or-nothing and never exceed a peer's slots, refusals say what exists and is
 * free, releases and unrenewed leases give slots back, and the published facts follow.
 * Each test uses the slots of its own peer, so that they can run on one cluster in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReservationClusterTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration ASK = Duration.ofSeconds(5);

    private List<PeerNode> nodes;

    @BeforeAll
    void startThreePeers(@TempDir Path stateDir) throws InterruptedException {
        nodes = TestPeers.startThree(stateDir);
    }

    @AfterAll
    void stopPeers() {
        for (PeerNode node : nodes) {
            node.leave().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void concurrentReservationsFromEveryPeerGrantExactlyTheSlotsThereAre() {
        PeerNode target = nodes.get(0);
        List<CompletableFuture<PeerSlots.ReserveReply>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PeerNode asker = nodes.get(i % nodes.size());
            String jobId = "crowd-" + i;
            replies.add(CompletableFuture.supplyAsync(() -> reserve(asker, target, jobId, 1)));
        }
        List<PeerSlots.Granted> granted = replies.stream().map(CompletableFuture::join)
            .filter(PeerSlots.Granted.class::isInstance).map(PeerSlots.Granted.class::cast).toList();

        assertEquals(TestPeers.SLOTS, granted.stream().mapToInt(PeerSlots.Granted::slots).sum());
        PeerSlots.State state = query(target, target);
        assertEquals(0, state.freeSlots());
        assertEquals(TestPeers.SLOTS, state.reservations().values().stream().mapToInt(Integer::intValue).sum());
        granted.forEach(grant -> release(target, target, grant.jobId()));
        assertEquals(TestPeers.SLOTS, query(target, target).freeSlots());
    }

    @Test
    void aRefusalSaysHowManySlotsExistAndAreFreeAndAReleaseFreesThem() throws InterruptedException {
        PeerNode asker = nodes.get(0);
        PeerNode target = nodes.get(1);
        PeerSlots.Granted granted = assertInstanceOf(PeerSlots.Granted.class, reserve(asker, target, "big", 2));
        assertEquals(TestPeers.SLOTS - 2, granted.freeAfter());
        TestPeers.await(LIMIT, "the facts show one free slot", () -> freeSlotsInFacts(asker, target) == 1);

        PeerSlots.Refused refused = assertInstanceOf(PeerSlots.Refused.class, reserve(asker, target, "second", 2));
        assertEquals(TestPeers.SLOTS, refused.totalSlots());
        assertEquals(1, refused.freeSlots());
        assertTrue(refused.reason().contains("asked for 2 slots but peer " + target.address() + " has 3 slots of which 1 are free"),
            refused.reason());
        assertEquals(Map.of("big", 2), query(asker, target).reservations());

        assertEquals(TestPeers.SLOTS, release(asker, target, "big").freeAfter());
        assertEquals(TestPeers.SLOTS, release(asker, target, "big").freeAfter(), "a second release is harmless");
        TestPeers.await(LIMIT, "the facts show every slot free", () -> freeSlotsInFacts(asker, target) == TestPeers.SLOTS);
        assertInstanceOf(PeerSlots.Granted.class, reserve(asker, target, "second", 2));
        release(asker, target, "second");
    }

    @Test
    void aReservationThatIsNotRenewedExpiresAfterTheLease() throws InterruptedException {
        PeerNode asker = nodes.get(1);
        PeerNode target = nodes.get(2);
        assertInstanceOf(PeerSlots.Granted.class, reserve(asker, target, "renewed", 1));
        assertInstanceOf(PeerSlots.Granted.class, reserve(asker, target, "abandoned", 2));
        EntityRef<PeerSlots.Command> slots = PeerSlots.of(asker.system(), target.address());
        // Three seconds against a two-second lease: only renewals keep "renewed" alive.
        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            slots.tell(new PeerSlots.Renew("renewed"));
        }
        assertEquals(Map.of("renewed", 1), query(asker, target).reservations());
        TestPeers.await(LIMIT, "the renewed reservation expires once its renewals stop",
            () -> query(asker, target).freeSlots() == TestPeers.SLOTS);
    }

    private static PeerSlots.ReserveReply reserve(PeerNode asker, PeerNode target, String jobId, int slots) {
        return PeerSlots.of(asker.system(), target.address())
            .<PeerSlots.ReserveReply>ask(replyTo -> new PeerSlots.Reserve(jobId, slots, replyTo), ASK)
            .toCompletableFuture().join();
    }

    private static PeerSlots.Released release(PeerNode asker, PeerNode target, String jobId) {
        return PeerSlots.of(asker.system(), target.address())
            .<PeerSlots.Released>ask(replyTo -> new PeerSlots.Release(jobId, replyTo), ASK)
            .toCompletableFuture().join();
    }

    private static PeerSlots.State query(PeerNode asker, PeerNode target) {
        return TestPeers.slotsOf(asker, target);
    }

    private static int freeSlotsInFacts(PeerNode reader, PeerNode peer) {
        return TestPeers.peersOf(reader).stream().filter(facts -> facts.address().equals(peer.address()))
            .mapToInt(PeerFacts::freeSlots).findFirst().orElse(-1);
    }
}
