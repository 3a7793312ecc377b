package org.mpjcluster.runtime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mpjcluster.runtime.local.RankOutcome;

/** A rank's group and its replicas: their states as events arrive, and when a lost replica loses the rank. */
class RankGroupTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void replicasGoFromPlacedToStartedToHowTheyEnded() {
        TestProbe<RankGroup.RankLost> coordinator = KIT.createTestProbe();
        ActorRef<RankGroup.Command> group = KIT.spawn(RankGroup.create(3, List.of("10.0.0.1:2552"), coordinator.getRef()));

        assertEquals(List.of(new RankState(3, 0, "10.0.0.1:2552", "placed", -1)), describe(group));
        group.tell(new RankGroup.ReplicaStarted(0, 4242));
        assertEquals(List.of(new RankState(3, 0, "10.0.0.1:2552", "started", 4242)), describe(group));
        group.tell(new RankGroup.ReplicaEnded(0, RankOutcome.Ending.SUCCEEDED));
        assertEquals(List.of(new RankState(3, 0, "10.0.0.1:2552", "succeeded", 4242)), describe(group));
        coordinator.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void theRankIsLostOnlyWhenItsLastReplicaIs() {
        TestProbe<RankGroup.RankLost> coordinator = KIT.createTestProbe();
        ActorRef<RankGroup.Command> group = KIT.spawn(RankGroup.create(1, List.of("a:1", "b:2"), coordinator.getRef()));

        group.tell(new RankGroup.ReplicaLost(0, "peer a:1 left"));
        coordinator.expectNoMessage(Duration.ofMillis(200));
        group.tell(new RankGroup.ReplicaLost(0, "peer a:1 left"));
        coordinator.expectNoMessage(Duration.ofMillis(200));
        group.tell(new RankGroup.ReplicaLost(1, "peer b:2 left"));
        assertEquals(new RankGroup.RankLost(1, "peer b:2 left"), coordinator.receiveMessage());
        assertEquals(List.of("lost", "lost"), describe(group).stream().map(RankState::state).toList());
    }

    private static List<RankState> describe(ActorRef<RankGroup.Command> group) {
        TestProbe<List<RankState>> reply = KIT.createTestProbe();
        group.tell(new RankGroup.Describe(reply.getRef()));
        return reply.receiveMessage();
    }
}
