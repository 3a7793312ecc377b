package org.mpjcluster.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mpjcluster.runtime.client.ClusterClient;
import org.mpjcluster.runtime.http.ApiToken;

/**
 * The peer {@code mpjrun} talks to: the one {@code --cluster HOST:PORT} names, or the first peer
 * of a {@code --hostfile} that answers and takes the token, so that a job still finds the cluster
 * when some of its peers are down.
 */
final class PeerChoice {

    private final String cluster;
    private final Hostfile hostfile;

    private PeerChoice(String cluster, Hostfile hostfile) {
        this.cluster = cluster;
        this.hostfile = hostfile;
    }

    /**
     * The peer {@code cluster} names, or else the peers {@code hostfile} lists.
     *
     * @throws IllegalArgumentException if {@code cluster} is not {@code HOST:PORT}, or the hostfile
     *                                  cannot be read or has a line that is not a peer
     */
    static PeerChoice of(String cluster, Path hostfile) {
        if (cluster != null) {
            ClusterClient.at(cluster);
            return new PeerChoice(cluster, null);
        }
        return new PeerChoice(null, Hostfile.read(hostfile));
    }

    /**
     * A client of the chosen peer; with a hostfile, of the first of its peers that answers a request
     * with {@code token}, telling {@code progress} which peers did not and which one was taken.
     *
     * @throws ClusterClient.ClusterException if no peer of the hostfile answers, saying why for each
     */
    ClusterClient client(ApiToken token, Consumer<String> progress) throws ClusterClient.ClusterException {
        if (hostfile == null) {
            return ClusterClient.at(cluster);
        }
        if (hostfile.givesSlots()) {
            progress.accept("slots=N in " + hostfile.file() + " is ignored: every peer offers the slots it was started "
                + "with (mpj-node join --slots), and the ranks go to the peers with free slots");
        }
        List<String> failures = new ArrayList<>();
        for (String peer : hostfile.peers()) {
            ClusterClient client = ClusterClient.at(peer);
            try {
                client.peers(token);
                progress.accept("using peer " + peer + ", the first of " + hostfile.file() + " that answered");
                return client;
            } catch (ClusterClient.ClusterException e) {
                progress.accept("skipping " + peer + ": " + e.getMessage());
                failures.add(peer + ": " + e.getMessage());
            }
        }
        throw new ClusterClient.ClusterException("no peer of the hostfile " + hostfile.file() + " answered:\n  "
            + String.join("\n  ", failures));
    }
}
