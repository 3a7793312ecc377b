package org.mpjcluster.runtime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpjcluster.runtime.job.Placement.Share;
import org.mpjcluster.runtime.job.Placement.Strategy;
import org.mpjcluster.runtime.node.PeerFacts;

/** Placement over facts made up here: latency order, both strategies, ties, and what fails. */
class PlacementTest {

    private static final String SUBMITTER = "10.0.0.1:2552";
    private static final String NEAR = "10.0.0.2:2552";
    private static final String FAR = "10.0.0.3:2552";

    /** The submitter, a near and a far peer, listed out of latency order, 3 slots each, all free. */
    private static final List<PeerFacts> THREE_PEERS = List.of(
        peer(FAR, 3, 3, 900L), peer(SUBMITTER, 3, 3, null), peer(NEAR, 3, 3, 200L));

    @Test
    void spreadPutsTwoRanksOnEachOfThreePeersInLatencyOrder() {
        assertEquals(List.of(new Share(SUBMITTER, 0, 2), new Share(NEAR, 2, 2), new Share(FAR, 4, 2)),
            Placement.place(Strategy.SPREAD, 6, SUBMITTER, THREE_PEERS));
    }

    @Test
    void concentrateFillsTheTwoClosestPeers() {
        assertEquals(List.of(new Share(SUBMITTER, 0, 3), new Share(NEAR, 3, 3)),
            Placement.place(Strategy.CONCENTRATE, 6, SUBMITTER, THREE_PEERS));
    }

    @Test
    void spreadUsesOnlyTheClosestPeersWhenThereAreFewerRanksThanPeers() {
        assertEquals(List.of(new Share(SUBMITTER, 0, 1), new Share(NEAR, 1, 1)),
            Placement.place(Strategy.SPREAD, 2, SUBMITTER, THREE_PEERS));
    }

    @Test
    void spreadGivesNoPeerMoreThanItsFreeSlots() {
        List<PeerFacts> uneven = List.of(peer(SUBMITTER, 4, 1, null), peer(NEAR, 4, 2, 200L), peer(FAR, 8, 6, 900L));
        assertEquals(List.of(new Share(SUBMITTER, 0, 1), new Share(NEAR, 1, 2), new Share(FAR, 3, 4)),
            Placement.place(Strategy.SPREAD, 7, SUBMITTER, uneven));
    }

    @Test
    void concentrateSkipsAPeerWithNoFreeSlots() {
        List<PeerFacts> uneven = List.of(peer(SUBMITTER, 4, 0, null), peer(NEAR, 4, 2, 200L), peer(FAR, 8, 6, 900L));
        assertEquals(List.of(new Share(NEAR, 0, 2), new Share(FAR, 2, 3)),
            Placement.place(Strategy.CONCENTRATE, 5, SUBMITTER, uneven));
    }

    @Test
    void anExactFitTakesEveryFreeSlotWithEitherStrategy() {
        List<Share> all = List.of(new Share(SUBMITTER, 0, 3), new Share(NEAR, 3, 3), new Share(FAR, 6, 3));
        assertEquals(all, Placement.place(Strategy.SPREAD, 9, SUBMITTER, THREE_PEERS));
        assertEquals(all, Placement.place(Strategy.CONCENTRATE, 9, SUBMITTER, THREE_PEERS));
    }

    @Test
    void tooFewFreeSlotsFailSayingWhatTheJobNeedsAndWhatTheClusterHas() {
        List<PeerFacts> busy = List.of(peer(SUBMITTER, 3, 1, null), peer(NEAR, 3, 2, 200L), peer(FAR, 3, 0, 900L));
        Placement.NotEnoughSlotsException failure = assertThrows(Placement.NotEnoughSlotsException.class,
            () -> Placement.place(Strategy.SPREAD, 4, SUBMITTER, busy));
        assertTrue(failure.getMessage().startsWith(
            "the job needs 4 slots but the cluster has 9 slots over 3 peers, of which 3 are free"), failure.getMessage());
    }

    @Test
    void equalLatenciesAreOrderedByAddress() {
        List<PeerFacts> tied = List.of(peer("10.0.0.9:2552", 2, 2, 300L), peer("10.0.0.4:2552", 2, 2, 300L),
            peer("10.0.0.6:2552", 2, 2, 300L));
        assertEquals(List.of(new Share("10.0.0.4:2552", 0, 1), new Share("10.0.0.6:2552", 1, 1)),
            Placement.place(Strategy.SPREAD, 2, SUBMITTER, tied));
    }

    @Test
    void aPeerNotYetMeasuredFromTheSubmitterComesAfterTheMeasuredOnes() {
        List<PeerFacts> peers = List.of(peer("10.0.0.0:2552", 2, 2, null), peer(FAR, 2, 2, 900L));
        assertEquals(List.of(new Share(FAR, 0, 1)), Placement.place(Strategy.SPREAD, 1, SUBMITTER, peers));
    }

    @Test
    void oneRankGoesToTheSubmitterItself() {
        assertEquals(List.of(new Share(SUBMITTER, 0, 1)), Placement.place(Strategy.CONCENTRATE, 1, SUBMITTER, THREE_PEERS));
        assertEquals(List.of(new Share(SUBMITTER, 0, 1)), Placement.place(Strategy.SPREAD, 1, SUBMITTER, THREE_PEERS));
    }

    @Test
    void fewerThanOneRankIsRefused() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> Placement.place(Strategy.SPREAD, 0, SUBMITTER, THREE_PEERS));
        assertEquals("a job needs at least one rank, not 0", failure.getMessage());
    }

    @Test
    void noPeersIsRefused() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> Placement.place(Strategy.SPREAD, 1, SUBMITTER, List.of()));
        assertTrue(failure.getMessage().startsWith("no peers to place the job on"), failure.getMessage());
    }

    @Test
    void strategiesParseInAnyCaseAndAnUnknownOneListsTheChoices() {
        assertEquals(Strategy.SPREAD, Strategy.parse("spread"));
        assertEquals(Strategy.CONCENTRATE, Strategy.parse(" Concentrate"));
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Strategy.parse("pack"));
        assertEquals("unknown placement strategy 'pack'; choose one of: spread, concentrate", failure.getMessage());
    }

    /** Facts of {@code address}; {@code latencyFromSubmitter} null means the submitter has not measured it. */
    private static PeerFacts peer(String address, int slots, int freeSlots, Long latencyFromSubmitter) {
        Map<String, Long> latencies = latencyFromSubmitter == null ? Map.of() : Map.of(SUBMITTER, latencyFromSubmitter);
        return new PeerFacts(address, "127.0.0.1:0", slots, slots, freeSlots, 0, "test", "21", -1, latencies);
    }
}
