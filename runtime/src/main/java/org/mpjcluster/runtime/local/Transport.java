package org.mpjcluster.runtime.local;

import java.util.Set;

/**
 * How the ranks of an in-JVM job ({@link LocalJob}) talk to each other. Ranks in one JVM normally
 * use shared memory; the other transports run the same program over the paths ranks in separate
 * JVMs take, to test them or to measure them without starting processes.
 */
public enum Transport {

    /** Ranks hand messages over in memory (the default, and the fastest). */
    SHARED_MEMORY(Set.of("self", "shm")),

    /** Every rank talks to every other over loopback TCP, as if each ran in its own JVM. */
    TCP(Set.of("self", "tcp")),

    /**
     * Ranks are grouped in blocks of {@link LocalJob#ranksPerJvm(int)} consecutive ranks, as if
     * each block were one JVM: shared memory within a block, TCP between blocks.
     */
    HYBRID(Set.of("self", "shm", "tcp"));

    private final Set<String> devices;

    Transport(Set<String> devices) {
        this.devices = devices;
    }

    /** The names of the devices ranks may use with this transport. */
    Set<String> devices() {
        return devices;
    }
}
