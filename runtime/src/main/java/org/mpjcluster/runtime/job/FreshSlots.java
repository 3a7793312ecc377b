package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.mpjcluster.runtime.node.PeerFacts;
import org.mpjcluster.runtime.node.PeerSlots;

/**
 * The peers' facts with their free slots as their {@link PeerSlots} entities say now: the
 * published facts lag by up to a facts interval, so a job submitted just after another ended would
 * otherwise see that job's slots as taken. A peer whose entity does not answer in time keeps its
 * published count.
 */
final class FreshSlots {

    private FreshSlots() {
    }

    static CompletionStage<List<PeerFacts>> of(ActorSystem<?> system, List<PeerFacts> peers, Duration timeout) {
        List<CompletableFuture<PeerFacts>> fresh = peers.stream().map(peer -> PeerSlots.of(system, peer.address())
            .<PeerSlots.State>ask(PeerSlots.Query::new, timeout)
            .thenApply(state -> withFreeSlots(peer, state.freeSlots()))
            .exceptionally(noAnswer -> peer)
            .toCompletableFuture()).toList();
        return CompletableFuture.allOf(fresh.toArray(CompletableFuture[]::new))
            .thenApply(done -> fresh.stream().map(CompletableFuture::join).toList());
    }

    private static PeerFacts withFreeSlots(PeerFacts peer, int freeSlots) {
        return new PeerFacts(peer.address(), peer.httpAddress(), peer.cores(), peer.slots(), freeSlots,
            peer.freeMemoryBytes(), peer.os(), peer.javaVersion(), peer.load(), peer.latencyMicros());
    }
}
