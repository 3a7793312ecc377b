package org.mpjcluster.runtime.node;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The peers of the cluster as one peer currently knows them: what its HTTP API lists. */
public interface PeerDirectory {

    /** The facts of every member that has published them, this peer's included. */
    CompletionStage<List<PeerFacts>> peers();
}
