package org.mpjcluster.runtime.job;

import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/**
 * Puts each job's coordinator in the shard of the peer the job was submitted to: a job id is
 * {@code RANDOM@host:port}, and its shard is named {@code host:port}, which
 * {@link org.mpjcluster.runtime.node.OwningPeerAllocation} places on that peer. So the coordinator
 * runs beside the submitter's connection, and ends with that peer.
 */
final class JobShards extends ShardingMessageExtractor<ShardingEnvelope<JobCoordinator.Command>, JobCoordinator.Command> {

    @Override
    public String entityId(ShardingEnvelope<JobCoordinator.Command> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        return entityId.substring(entityId.indexOf('@') + 1);
    }

    @Override
    public JobCoordinator.Command unwrapMessage(ShardingEnvelope<JobCoordinator.Command> envelope) {
        return envelope.message();
    }
}
