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
     * Whether sender and receiver share one address space, so that large payloads can pass by
     * reference (see {@link #passesByReference}) and a rendezvous needs no clear-to-send round
     * trip: the ready-to-send frame carries the data.
     */
    boolean sharesMemory();

    /**
     * Whether a payload of {@code byteSize} bytes is passed by reference: the receiver reads the
     * very payload object the sender handed to {@link #send}. The sender must then keep it valid
     * for as long as the receiver may read it (snapshot eager data before sending; keep rendezvous
     * data until acknowledged). Otherwise the device copies the payload before {@code send}
     * returns, and the receiver's view of it is valid only while it is being delivered. Both ends
     * of a device answer alike for the same size.
     */
    default boolean passesByReference(int byteSize) {
        return sharesMemory();
    }

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
     * unless the device {@linkplain #passesByReference passes it by reference}. Frames to one endpoint are
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

    /**
     * Tells the device that its endpoint is about to park: until a {@link #poll()} finds work
     * again, the device must call {@link FrameSink#wake()} when frames arrive. The engine calls it
     * before the last poll ahead of a park, so nothing that arrives in between is missed. A
     * device that already wakes the sink whenever it queues frames has nothing to do; one that
     * needs a thread of its own to notice traffic starts watching here, so that a busy-polling
     * rank pays nothing for that thread.
     */
    default void armWake() {
    }

    /** Closes the device; peers see this endpoint as gone. */
    @Override
    void close();
}
