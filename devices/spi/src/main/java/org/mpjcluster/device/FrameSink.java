package org.mpjcluster.device;

/** Where a device delivers what arrives for its local endpoint: implemented by the engine. */
public interface FrameSink {

    /**
     * Handles a frame from endpoint {@code source}. Called by the device, possibly on the
     * sender's thread (shared memory) or on a device thread; must not block.
     */
    void onFrame(int source, Frame frame);

    /** Reports that {@code endpoint} is gone (finished, closed or lost), with a reason for errors. */
    void onEndpointGone(int endpoint, String reason);

    /**
     * Tells the endpoint, from another thread, that frames are waiting in one of its devices: a
     * thread of the endpoint that is parked should wake and {@linkplain Device#poll() poll}. Called
     * after the frames are queued; must be cheap and must not block.
     */
    default void wake() {
    }

    /**
     * Whether the endpoint's job has ended (a rank failed or the job was aborted): a device waiting
     * for a peer on the endpoint's behalf, such as retrying a connection, stops, since no answer is
     * needed any more. Must be cheap and must not block.
     */
    default boolean jobEnded() {
        return false;
    }
}
