package org.mpjcluster.runtime.node;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;

/** Reads what a peer publishes about its host: processors, free memory, load, OS and Java. */
final class HostFacts {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final String osDescription = System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch");
    private final String javaVersion = Runtime.version().toString();

    /** This host's facts now, for the peer at {@code address} with the given slots and latencies. */
    PeerFacts measure(String address, String httpAddress, int slots, int freeSlots, Map<String, Long> latencyMicros) {
        return new PeerFacts(address, httpAddress, Runtime.getRuntime().availableProcessors(), slots, freeSlots,
            freeMemoryBytes(), osDescription, javaVersion, os.getSystemLoadAverage(), latencyMicros);
    }

    private long freeMemoryBytes() {
        // Physical memory is only known through the JDK's extension of the bean (HotSpot, OpenJ9).
        return os instanceof com.sun.management.OperatingSystemMXBean host ? host.getFreeMemorySize() : -1;
    }
}
