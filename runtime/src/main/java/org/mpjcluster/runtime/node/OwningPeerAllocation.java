package org.mpjcluster.runtime.node;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Places the shard named {@code host:port} on the peer at that address, so that a peer's slots
 * live (and are lost) with the peer itself. While that peer has no region yet, the shard goes to
 * the peer that asked; it moves to its owner once the owner's region is there.
 */
public final class OwningPeerAllocation extends ShardCoordinator.AbstractShardAllocationStrategy {

    private final Address coordinatorAddress;

    /** A strategy run by the coordinator on the peer at {@code coordinatorAddress}. */
    public OwningPeerAllocation(Address coordinatorAddress) {
        this.coordinatorAddress = coordinatorAddress;
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                          Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
        return Futures.successful(ownerOf(shardId, currentShardAllocations).orElse(requester));
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
                                         Set<String> rebalanceInProgress) {
        Set<String> misplaced = new HashSet<>();
        currentShardAllocations.forEach((region, shards) -> shards.foreach(shardId -> {
            ownerOf(shardId, currentShardAllocations).filter(owner -> !owner.equals(region))
                .filter(owner -> !rebalanceInProgress.contains(shardId))
                .ifPresent(owner -> misplaced.add(shardId));
            return null;
        }));
        return Futures.successful(misplaced);
    }

    private Optional<ActorRef> ownerOf(String shardId, Map<ActorRef, IndexedSeq<String>> regions) {
        return regions.keySet().stream().filter(region -> PeerAddress.of(addressOf(region)).equals(shardId)).findFirst();
    }

    private Address addressOf(ActorRef region) {
        // The coordinator's own region has a local path, without host and port.
        Address address = region.path().address();
        return address.hasLocalScope() ? coordinatorAddress : address;
    }
}
