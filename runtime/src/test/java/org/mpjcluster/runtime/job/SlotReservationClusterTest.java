package org.mpjcluster.runtime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.job.Placement.Share;
import org.mpjcluster.runtime.node.PeerNode;
import org.mpjcluster.runtime.node.PeerSlots;
import org.mpjcluster.runtime.node.TestPeers;

/**
 * A job's reservation on three peers in this JVM (3 slots and a 2 s lease each): all or nothing
 * across peers, held past several leases, released when told or stopped, and refused rather than
 * left waiting when a peer does not answer. The reservations run on the first peer; every test
 * leaves all slots free, so that they can share one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotReservationClusterTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration ASK = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(1);

    private List<PeerNode> nodes;
    private ActorTestKit testKit;

    @BeforeAll
    void startThreePeers(@TempDir Path stateDir) throws InterruptedException {
        nodes = TestPeers.startThree(stateDir);
        testKit = ActorTestKit.create(nodes.get(0).system());
    }

    @AfterEach
    void everySlotIsFreeAgain() throws InterruptedException {
        for (PeerNode node : nodes) {
            TestPeers.await(LIMIT, "every slot of " + node.address() + " is free",
                () -> query(node).freeSlots() == TestPeers.SLOTS);
        }
    }

    @AfterAll
    void stopPeers() {
        for (PeerNode node : nodes) {
            node.leave().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void aJobAskingMoreThanRemainsGetsNothingAnywhereAndTheHolderKeepsItsSlots() {
        TestProbe<SlotReservation.Outcome> holderProbe = testKit.createTestProbe();
        ActorRef<SlotReservation.Command> holder = testKit.spawn(SlotReservation.create("holder",
            shares(2, 2, 2), LEASE, ANSWER_TIMEOUT, holderProbe.getRef()));
        assertInstanceOf(SlotReservation.AllGranted.class, holderProbe.receiveMessage(ASK));

        TestProbe<SlotReservation.Outcome> greedyProbe = testKit.createTestProbe();
        testKit.spawn(SlotReservation.create("greedy", shares(1, 1, 2), LEASE, ANSWER_TIMEOUT, greedyProbe.getRef()));
        SlotReservation.Refused refused = assertInstanceOf(SlotReservation.Refused.class, greedyProbe.receiveMessage(ASK));

        String third = nodes.get(2).address();
        assertEquals(Set.of(third), refused.reasonsByPeer().keySet());
        assertTrue(refused.reasonsByPeer().get(third).contains("asked for 2 slots but peer " + third), refused.message());
        for (PeerNode node : nodes) {
            // The refused job released before it answered, so these queries come after its releases.
            assertEquals(Map.of("holder", 2), query(node).reservations(), node.address());
        }
        holder.tell(SlotReservation.Release.INSTANCE);
    }

    @Test
    void aHeldReservationOutlivesSeveralLeasesAndIsReleasedWhenTold() throws InterruptedException {
        TestProbe<SlotReservation.Outcome> probe = testKit.createTestProbe();
        ActorRef<SlotReservation.Command> reservation = testKit.spawn(SlotReservation.create("long",
            shares(1, 2, 3), LEASE, ANSWER_TIMEOUT, probe.getRef()));
        SlotReservation.AllGranted granted = assertInstanceOf(SlotReservation.AllGranted.class, probe.receiveMessage(ASK));
        assertEquals(shares(1, 2, 3), granted.shares());

        Thread.sleep(LEASE.multipliedBy(5).dividedBy(2).toMillis());
        for (int i = 0; i < nodes.size(); i++) {
            assertEquals(Map.of("long", i + 1), query(nodes.get(i)).reservations(), nodes.get(i).address());
        }
        reservation.tell(SlotReservation.Release.INSTANCE);
        probe.expectTerminated(reservation, ASK);
    }

    @Test
    void stoppingTheReservationReleasesEverySlot() throws InterruptedException {
        TestProbe<SlotReservation.Outcome> probe = testKit.createTestProbe();
        ActorRef<SlotReservation.Command> reservation = testKit.spawn(SlotReservation.create("stopped",
            shares(3, 3, 3), LEASE, ANSWER_TIMEOUT, probe.getRef()));
        assertInstanceOf(SlotReservation.AllGranted.class, probe.receiveMessage(ASK));

        testKit.stop(reservation, ASK);
        // Well within a lease: the release, not an expiry, frees the slots.
        for (PeerNode node : nodes) {
            TestPeers.await(LEASE.dividedBy(2), "the stopped job's slots on " + node.address() + " are free",
                () -> query(node).freeSlots() == TestPeers.SLOTS);
        }
    }

    @Test
    void aPeerThatDoesNotAnswerGetsTheJobRefusedWithinTheTimeoutAndNothingHeld() {
        PeerNode answering = nodes.get(1);
        String silent = nodes.get(2).address();
        TestProbe<PeerSlots.Command> silentSlots = testKit.createTestProbe();
        TestProbe<SlotReservation.Outcome> probe = testKit.createTestProbe();
        testKit.spawn(SlotReservation.create("unanswered",
            List.of(new Share(answering.address(), 0, 1), new Share(silent, 1, 1)),
            (system, peer) -> peer.equals(silent) ? silentSlots.getRef() : PeerSlots.of(system, peer),
            LEASE, ANSWER_TIMEOUT, probe.getRef()));

        SlotReservation.Refused refused = assertInstanceOf(SlotReservation.Refused.class,
            probe.receiveMessage(ANSWER_TIMEOUT.multipliedBy(3)));
        assertEquals(Map.of(silent, "did not answer within 1000 ms"), refused.reasonsByPeer());
        assertInstanceOf(PeerSlots.Reserve.class, silentSlots.receiveMessage());
        assertEquals(new PeerSlots.Release("unanswered", testKit.system().ignoreRef()), silentSlots.receiveMessage(),
            "a late grant by the silent peer is released too");
        assertEquals(Map.of(), query(answering).reservations());
    }

    @Test
    void aPeerThatIsNotAMemberGetsTheJobRefusedAtOnceWithoutAskingAnyPeer() {
        PeerNode member = nodes.get(2);
        String stranger = "127.0.0.1:" + TestPeers.freePort();
        TestProbe<PeerSlots.Command> memberSlots = testKit.createTestProbe();
        TestProbe<SlotReservation.Outcome> probe = testKit.createTestProbe();
        testKit.spawn(SlotReservation.create("stranger",
            List.of(new Share(member.address(), 0, 2), new Share(stranger, 2, 1)),
            (system, peer) -> memberSlots.getRef(), LEASE, ANSWER_TIMEOUT, probe.getRef()));

        SlotReservation.Refused refused = assertInstanceOf(SlotReservation.Refused.class, probe.receiveMessage(ASK));
        assertEquals(Map.of(stranger, "peer " + stranger
            + " is not an up member of the cluster; it may have left since the job was placed"), refused.reasonsByPeer());
        memberSlots.expectNoMessage(Duration.ofMillis(300));
    }

    /** One share per test peer, in peer order, of {@code counts} ranks each. */
    private List<Share> shares(int... counts) {
        List<Share> shares = new ArrayList<>();
        int firstRank = 0;
        for (int i = 0; i < counts.length; i++) {
            shares.add(new Share(nodes.get(i).address(), firstRank, counts[i]));
            firstRank += counts[i];
        }
        return shares;
    }

    /** The slots state of {@code target}, asked from the first peer, where the reservations run. */
    private PeerSlots.State query(PeerNode target) {
        return TestPeers.slotsOf(nodes.get(0), target);
    }
}
