package org.mpjcluster.engine;

import mpi.MPIException;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * Puts message bodies into matched receives: whole (eager, or a rendezvous whose data came by
 * reference) or chunk by chunk (a rendezvous over a byte device). Each returns the error the
 * receive must end with (a type mismatch or truncation), or {@code null}, and records the size of
 * what was stored.
 */
final class Landing {

    private Landing() {
    }

    /** Copies a whole body, described by {@code frame}, into {@code receive}'s buffer. */
    static MPIException whole(ReceiveOperation receive, Payload payload, Frame frame, ClassLoader loader) {
        MessageBuffer buffer = receive.buffer();
        int incoming = buffer.incomingElements(frame.elementCount(), frame.byteSize());
        if (incoming < 0) {
            return typeMismatch(receive, frame);
        }
        try {
            buffer.unpack(payload, incoming, loader);
        } catch (MPIException e) {
            return e;
        }
        return stored(receive, incoming, frame);
    }

    /**
     * The body that will arrive in chunks for {@code receive}, announced by {@code frame} (its
     * ready-to-send).
     */
    static ArrivingBody expect(ReceiveOperation receive, Frame frame) {
        MessageBuffer buffer = receive.buffer();
        int incoming = buffer.incomingElements(frame.elementCount(), frame.byteSize());
        return new ArrivingBody(buffer, Math.max(incoming, 0), frame.byteSize());
    }

    /**
     * Takes one chunk, a DATA frame whose sequence is its byte offset; returns {@code receive}'s
     * outcome once the body is complete, and {@code null} while chunks are still to come.
     */
    static Outcome chunk(ReceiveOperation receive, Frame frame, ClassLoader loader) {
        ArrivingBody body = receive.arriving();
        if (!body.take(frame.payload(), (int) frame.sequence())) {
            return null;
        }
        Payload gathered = body.gathered();
        if (gathered != null) {
            return new Outcome(whole(receive, gathered, frame, loader));
        }
        int incoming = receive.buffer().incomingElements(frame.elementCount(), frame.byteSize());
        return new Outcome(incoming < 0 ? typeMismatch(receive, frame) : stored(receive, incoming, frame));
    }

    /** How a receive ends: with {@code error}, or successfully if it is {@code null}. */
    record Outcome(MPIException error) {
    }

    private static MPIException stored(ReceiveOperation receive, int incoming, Frame frame) {
        MessageBuffer buffer = receive.buffer();
        int stored = Math.min(incoming, buffer.elementCount());
        boolean objects = buffer.kind() == PrimitiveKind.OBJECT;
        receive.received(stored, objects ? frame.byteSize() : stored * buffer.kind().byteSize());
        if (incoming > stored) {
            return new MPIException(ErrorClass.TRUNCATE, "message truncated: rank " + receive.matchedSource()
                + " sent " + incoming + " elements with tag " + receive.matchedTag() + ", but the receive buffer holds "
                + buffer.elementCount() + "; only the first " + stored + " were stored");
        }
        return null;
    }

    private static MPIException typeMismatch(ReceiveOperation receive, Frame frame) {
        return new MPIException(ErrorClass.TYPE, "message from rank " + receive.matchedSource()
            + " with tag " + receive.matchedTag() + " holds " + frame.elementCount() + " elements in "
            + frame.byteSize() + " bytes, which is not data of type " + receive.buffer().kind());
    }
}
