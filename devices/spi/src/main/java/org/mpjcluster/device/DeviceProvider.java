package org.mpjcluster.device;

/**
 * A kind of device, found with {@link java.util.ServiceLoader}. Providers are ranked by
 * {@link #priority()}: for each peer the engine uses the best-ranked device that reaches it.
 */
public interface DeviceProvider {

    /** Priority of the self device, which reaches only the local endpoint. */
    int PRIORITY_SELF = 0;
    /** Priority of devices sharing the address space (threads of one JVM). */
    int PRIORITY_SHARED_MEMORY = 10;
    /** Priority of direct socket devices. */
    int PRIORITY_SOCKET = 20;
    /** Priority of devices relayed through another system, such as Pekko Artery. */
    int PRIORITY_RELAYED = 30;

    /** Short unique name, such as {@code shm} or {@code tcp}. */
    String name();

    /** Rank of this device; lower is preferred. */
    int priority();

    /** Opens this device for the local endpoint described by {@code context}. */
    Device open(DeviceContext context);
}
