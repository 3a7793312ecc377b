package org.mpjcluster.runtime.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of the control connection between {@code mpjrun} and a worker JVM. It carries
 * the job's set-up, the endpoint table, failures and outcomes; MPI messages never travel on it.
 *
 * <p>Every message is one frame:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |      length: bytes that follow (int32, big-endian, 1..16 MiB)  |
 *  +---------------+-----------------------------------------------+
 *  |     type      |  body, laid out by type as below             ...
 *  +---------------+-----------------------------------------------+
 * </pre>
 * Bodies use {@link DataOutput} encodings: {@code int} is int32, {@code long} is int64,
 * {@code bool} one byte, {@code str} an int32 byte count then UTF-8 bytes, {@code T[]} an int32
 * count then the items.
 * <pre>
 *  type  name       direction           body
 *  1     HELLO      worker to mpjrun    str secret, int worker          (first frame; wrong secret: closed)
 *  2     JOB        mpjrun to worker    str jobId, int worldSize, int firstRank, int rankCount,
 *                                       str classpath, str mainClass, str[] args,
 *                                       bool tagOutput, str host (in tags; empty: none),
 *                                       long abortGraceMillis
 *  3     PUBLISHED  worker to mpjrun    address[]: what its ranks' devices published
 *  4     TABLE      mpjrun to worker    address[]: every endpoint's addresses; ranks start after it
 *  5     FAILURE    either way          int rank (-1: none), int exitCode, str message
 *  6     OUTCOME    worker to mpjrun    int rank, int ending (RankOutcome.Ending ordinal), str failure
 *                                       (stack trace, empty if none)
 *  7     INPUT_WANTED  worker to mpjrun or its host; no body: rank 0 began reading standard input
 *  address = str device, int endpoint, str address
 * </pre>
 */
final class ControlDescriptor {

    static final byte HELLO = 1;
    static final byte JOB = 2;
    static final byte PUBLISHED = 3;
    static final byte TABLE = 4;
    static final byte FAILURE = 5;
    static final byte OUTCOME = 6;
    static final byte INPUT_WANTED = 7;

    /** Bound on a frame, so a peer that is not a worker cannot make us allocate without limit. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private ControlDescriptor() {
    }

    /** Writes {@code message} as one frame (the caller flushes). */
    static void writeFrame(DataOutputStream out, ControlMessage message) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        message.writeBody(new DataOutputStream(body));
        out.writeInt(1 + body.size());
        out.writeByte(message.type());
        body.writeTo(out);
    }

    /** Reads one frame; throws {@link java.io.EOFException} at the end of the stream. */
    static ControlMessage readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_FRAME_BYTES) {
            throw new IOException("control frame of " + length + " bytes: not a frame of this protocol");
        }
        byte type = in.readByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        return ControlMessage.readBody(type, new DataInputStream(new ByteArrayInputStream(body)));
    }

    /** {@code message} as the bytes of one frame, for relaying it through the cluster. */
    static byte[] toBytes(ControlMessage message) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            writeFrame(new DataOutputStream(frame), message);
            return frame.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** The message of one frame's bytes, as {@link #toBytes} made them. */
    static ControlMessage fromBytes(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        ControlMessage message = readFrame(in);
        if (in.available() > 0) {
            throw new IOException("a relayed control frame has " + in.available() + " bytes beyond its end");
        }
        return message;
    }

    static void writeString(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("string of " + length + " bytes in a control frame");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
