package org.mpjcluster.runtime.node;

import java.util.Map;

/**
 * What one peer of the cluster tells the others about itself, as published in Distributed Data
 * and listed by {@code mpjrun --cluster HOST:PORT --peers}.
 *
 * @param address          the peer's cluster address, {@code host:port}
 * @param httpAddress      where the peer's HTTP API listens, {@code host:port}
 * @param cores            processors the JVM sees
 * @param slots            ranks the peer accepts at once
 * @param freeSlots        slots not reserved by a job
 * @param freeMemoryBytes  physical memory free on the host
 * @param os               operating system name, version and architecture
 * @param javaVersion      version of the peer's Java runtime
 * @param load             system load average over the last minute, or -1 where unknown
 * @param latencyMicros    round-trip time other peers measured to this one, by their address
 */
public record PeerFacts(String address, String httpAddress, int cores, int slots, int freeSlots,
                        long freeMemoryBytes, String os, String javaVersion, double load,
                        Map<String, Long> latencyMicros) {

    /** Copies the latency map, so that the facts stay immutable. */
    public PeerFacts {
        latencyMicros = Map.copyOf(latencyMicros);
    }
}
