package org.mpjcluster.engine;

/**
 * What a probe found: the envelope and size of a message waiting to be received.
 *
 * @param source   sender's rank in the communicator
 * @param tag      the message's tag
 * @param elements number of elements the sender sent (in its base kind)
 * @param bytes    size of the message body in bytes
 */
public record ProbeResult(int source, int tag, int elements, int bytes) {
}
