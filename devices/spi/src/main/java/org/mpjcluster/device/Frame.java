package org.mpjcluster.device;

/**
 * One unit a device moves between endpoints: an envelope and an optional payload.
 *
 * @param kind          the engine's protocol code (opaque to devices; carried as one byte)
 * @param context       communicator context the message belongs to
 * @param source        sender's rank within that communicator
 * @param tag           message tag
 * @param sequence      for a message, its number in the order of the sender-destination pair,
 *                      starting at 1; the engine gives it other meanings in other kinds of frames
 *                      (the byte offset of a chunk of a rendezvous body)
 * @param elementCount  number of primitive elements (or objects) the message holds
 * @param byteSize      size of the message body in bytes, even when {@code payload} is absent
 * @param sendHandle    sender-side handle of the operation, 0 when none
 * @param receiveHandle receiver-side handle of the operation, 0 when none
 * @param payload       the body, or {@code null} for control frames
 */
public record Frame(byte kind, int context, int source, int tag, long sequence,
                    int elementCount, int byteSize, long sendHandle, long receiveHandle,
                    Payload payload) {

    /** A control frame with no envelope of its own, answering the operation behind the handles. */
    public static Frame control(byte kind, long sendHandle, long receiveHandle) {
        return new Frame(kind, 0, 0, 0, 0, 0, 0, sendHandle, receiveHandle, null);
    }
}
