package org.mpjcluster.runtime.node;

import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/**
 * Puts each peer's entity in a shard of its own, named as the peer ({@code host:port}), so that
 * {@link OwningPeerAllocation} can place it on that peer.
 */
final class OneShardPerPeer<M> extends ShardingMessageExtractor<ShardingEnvelope<M>, M> {

    @Override
    public String entityId(ShardingEnvelope<M> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        return entityId;
    }

    @Override
    public M unwrapMessage(ShardingEnvelope<M> envelope) {
        return envelope.message();
    }
}
