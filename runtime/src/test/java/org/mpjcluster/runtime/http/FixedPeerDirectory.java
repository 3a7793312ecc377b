package org.mpjcluster.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mpjcluster.runtime.node.PeerDirectory;
import org.mpjcluster.runtime.node.PeerFacts;

/** A directory of two peers with fixed facts, standing in for the cluster's. */
public final class FixedPeerDirectory implements PeerDirectory {

    /** The first peer: idle, measured by the second. */
    public static final PeerFacts ALPHA = new PeerFacts("10.0.0.1:25520", "10.0.0.1:8558", 8, 8, 6,
        3L * 1024 * 1024 * 1024 + 512L * 1024 * 1024, "Linux 6.1 amd64", "17.0.12", 0.25,
        Map.of("10.0.0.2:25520", 180L));

    /** The second peer: busy, with two latency measurements and no load average. */
    public static final PeerFacts BETA = new PeerFacts("10.0.0.2:25520", "10.0.0.2:8558", 2, 4, 0,
        512L * 1024 * 1024, "Mac OS X 14.5 aarch64", "21.0.4", -1,
        Map.of("10.0.0.1:25520", 950L, "10.0.0.3:25520", 2400L));

    /** Both peers. */
    public static final List<PeerFacts> PEERS = List.of(ALPHA, BETA);

    @Override
    public CompletionStage<List<PeerFacts>> peers() {
        return CompletableFuture.completedFuture(PEERS);
    }
}
