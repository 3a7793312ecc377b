package org.mpjcluster.runtime.node;

import org.apache.pekko.actor.Address;

/** The {@code host:port} form of cluster addresses, by which facts and latencies name peers. */
public final class PeerAddress {

    private PeerAddress() {
    }

    /** {@code host:port} of a remote (cluster) address. */
    public static String of(Address address) {
        return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
    }

    /**
     * The cluster address of the peer at {@code hostPort}, as given to {@code --seed}.
     *
     * @throws IllegalArgumentException if {@code hostPort} is not {@code host:port}
     */
    static Address parse(String systemName, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port <= 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Address("pekko", systemName, hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a seed must be HOST:PORT with a port from 1 to 65535, not '" + hostPort + "'");
        }
    }
}
