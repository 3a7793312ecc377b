package org.mpjcluster.engine;

import org.mpjcluster.engine.data.MessageBuffer;

/**
 * A posted receive: the buffer, what it matches, and once matched, the status of the message
 * that filled it.
 */
public final class ReceiveOperation extends Operation {

    final MessageBuffer buffer;
    final int context;
    final int source;
    final int tag;
    /** Next in the posted queue; guarded by the queue's lock. */
    ReceiveOperation next;

    private int matchedSource;
    private int matchedTag;
    private int elements;
    private int bytes;
    private boolean cancelled;
    private ArrivingBody arriving;

    ReceiveOperation(MessageBuffer buffer, int context, int source, int tag, int peerEndpoint) {
        super(peerEndpoint);
        this.buffer = buffer;
        this.context = context;
        this.source = source;
        this.tag = tag;
    }

    /** Whether this receive accepts a message with the given envelope. */
    boolean matches(int messageContext, int messageSource, int messageTag) {
        return context == messageContext
            && (source == Ranks.ANY_SOURCE || source == messageSource)
            && (tag == Ranks.ANY_TAG || tag == messageTag);
    }

    void matched(int messageSource, int messageTag) {
        matchedSource = messageSource;
        matchedTag = messageTag;
    }

    void received(int elementCount, int byteCount) {
        elements = elementCount;
        bytes = byteCount;
    }

    /** Records the body that will arrive in chunks, once the clear-to-send goes out. */
    void expect(ArrivingBody body) {
        arriving = body;
    }

    /** The body arriving in chunks; set before any chunk can arrive. */
    ArrivingBody arriving() {
        return arriving;
    }

    void cancelled() {
        cancelled = true;
        matchedSource = Ranks.ANY_SOURCE;
        matchedTag = Ranks.ANY_TAG;
        complete();
    }

    /** The buffer the message goes into. */
    public MessageBuffer buffer() {
        return buffer;
    }

    /** Rank (in the communicator) of the sender of the matched message. */
    public int matchedSource() {
        return matchedSource;
    }

    /** Tag of the matched message. */
    public int matchedTag() {
        return matchedTag;
    }

    /** Number of base elements stored. */
    public int elements() {
        return elements;
    }

    /** Number of bytes of the message body received. */
    public int bytes() {
        return bytes;
    }

    /** Whether the receive was cancelled before it matched. */
    public boolean isCancelled() {
        return cancelled;
    }
}
