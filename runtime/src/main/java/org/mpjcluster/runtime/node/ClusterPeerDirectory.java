package org.mpjcluster.runtime.node;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The peer directory of one peer: the facts in its replica of {@link PeerFactsPublisher#KEY},
 * limited to the current members, so that a peer that has left or been downed disappears at
 * once even if its entry is still being removed.
 */
public final class ClusterPeerDirectory implements PeerDirectory {

    private static final Set<MemberStatus> GONE = Set.of(MemberStatus.down(), MemberStatus.exiting(), MemberStatus.removed());

    private final ActorSystem<?> system;
    private final Duration timeout;

    /** The directory of the peer that runs {@code system}; a local read takes at most {@code timeout}. */
    public ClusterPeerDirectory(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<List<PeerFacts>> peers() {
        ActorRef<Replicator.Command> replicator = DistributedData.get(system).replicator();
        CompletionStage<Replicator.GetResponse<LWWMap<String, PeerFacts>>> read = AskPattern.ask(replicator,
            replyTo -> new Replicator.Get<>(PeerFactsPublisher.KEY, Replicator.readLocal(), replyTo),
            timeout, system.scheduler());
        return read.thenApply(this::currentMembersOf);
    }

    private List<PeerFacts> currentMembersOf(Replicator.GetResponse<LWWMap<String, PeerFacts>> response) {
        if (!(response instanceof Replicator.GetSuccess<LWWMap<String, PeerFacts>> found)) {
            return List.of();
        }
        Set<String> members = StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
            .filter(member -> !GONE.contains(member.status()))
            .map(member -> PeerAddress.of(member.address()))
            .collect(Collectors.toSet());
        return found.get(PeerFactsPublisher.KEY).getEntries().values().stream()
            .filter(facts -> members.contains(facts.address()))
            .sorted(Comparator.comparing(PeerFacts::address))
            .toList();
    }
}
