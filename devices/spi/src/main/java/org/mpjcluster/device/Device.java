package org.mpjcluster.device;

/**
 * A transport opened for one local endpoint of a job. It moves frames to the peers it
 * {@linkplain #reaches reaches} and delivers incoming frames to the {@link FrameSink} it was
 * opened with.
 */
public interface Device extends AutoCloseable {

    /** Short name of the device, as in {@link DeviceProvider#name()}. */
    String name();

    /** Whether this device can carry frames to {@code endpoint}. */
    boolean reaches(int endpoint);

    /**
     * Whether payloads are passed by reference within one address space: the receiver reads the
     * very payload object the sender handed to {@link #send}. The sender must then keep a payload
     * valid for as long as the receiver may read it (copy eager data before sending; keep
     * rendezvous data until acknowledged), and a rendezvous needs no clear-to-send round trip.
     */
    boolean sharesMemory();

    /**
     * Largest message, in bytes, the engine should send eagerly through this device; larger ones
     * use a rendezvous. Devices with their own trade-off (a socket round trip costs more than a
     * shared-memory hand-over) override it; the default keeps the engine's limit.
     */
    default int eagerLimitBytes(int engineDefault) {
        return engineDefault;
    }

    /**
     * Sends {@code frame} to {@code endpoint}. On return the payload may be reused by the sender
     * unless the device {@linkplain #sharesMemory() shares memory}. Frames to one endpoint are
     * delivered in the order they were sent.
     *
     * @throws DeviceException if the endpoint is gone or cannot be reached
     */
    void send(int endpoint, Frame frame);

    /**
     * Makes progress on incoming and outgoing traffic, delivering incoming frames to the sink on
     * the calling thread; returns the amount of work done (0 if idle).
     */
    int poll();

    /** Closes the device; peers see this endpoint as gone. */
    @Override
    void close();
}
