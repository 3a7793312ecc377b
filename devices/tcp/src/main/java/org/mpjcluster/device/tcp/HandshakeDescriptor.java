package org.mpjcluster.device.tcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The first bytes each side of a tcp connection sends, little-endian: who it is and what it wants.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      magic "MPJT" (0x544A504D)                |  0
 *  +---------------+---------------+-------------------------------+
 *  |    version    |    intent     |         job id length         |  4
 *  +---------------+---------------+-------------------------------+
 *  |                             rank                              |  8
 *  +-------------------------------+-------------------------------+
 *  |         secret length         |       reserved (must be 0)    | 12
 *  +-------------------------------+-------------------------------+
 *  |              job id (UTF-8), then secret (UTF-8)             ...  16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The connecting side sends {@link #CONNECT} (to carry frames) or {@link #FAREWELL} (to say it
 * is leaving, to a peer it never talked to). The accepting side checks job, secret and rank and
 * answers a {@code CONNECT} with {@link #ACCEPT} or {@link #DECLINE} carrying its own credentials,
 * so each side has proven the secret to the other; a stranger gets no answer, only a closed socket.
 * The secret travels in clear: it keeps other jobs and stray clients out, not eavesdroppers.
 */
final class HandshakeDescriptor {

    /** Bytes before the job id. */
    static final int FIXED_LENGTH = 16;
    /** Longest job id or secret accepted, in bytes. */
    static final int MAX_TEXT_BYTES = 1024;
    /** Connect to carry frames. */
    static final byte CONNECT = 1;
    /** The sender closes its device; nothing follows. */
    static final byte FAREWELL = 2;
    /** The connection is accepted; frames may follow. */
    static final byte ACCEPT = 3;
    /** Another connection between the two ranks wins; this one closes. */
    static final byte DECLINE = 4;

    private static final int MAGIC = 0x544A504D;
    private static final byte VERSION = 1;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int INTENT_OFFSET = 5;
    private static final int JOB_ID_LENGTH_OFFSET = 6;
    private static final int RANK_OFFSET = 8;
    private static final int SECRET_LENGTH_OFFSET = 12;
    private static final int RESERVED_OFFSET = 14;

    private HandshakeDescriptor() {
    }

    /** The credentials of one side of the job, encoded once. */
    record Credentials(byte[] jobId, byte[] secret) {

        /** Encodes {@code jobId} and {@code secret}. */
        static Credentials of(String jobId, String secret) {
            byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (job.length > MAX_TEXT_BYTES || key.length > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("job id and secret must fit in " + MAX_TEXT_BYTES + " bytes");
            }
            return new Credentials(job, key);
        }
    }

    /** A handshake from {@code rank} with {@code intent}, ready to write. */
    static ByteBuffer encode(byte intent, int rank, Credentials credentials) {
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_LENGTH + credentials.jobId().length
            + credentials.secret().length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).put(VERSION).put(intent).putShort((short) credentials.jobId().length)
            .putInt(rank).putShort((short) credentials.secret().length).putShort((short) 0)
            .put(credentials.jobId()).put(credentials.secret());
        return buffer.flip();
    }

    /**
     * Checks the fixed part at the start of {@code fixed} (at least {@link #FIXED_LENGTH} bytes);
     * returns what is wrong with it, or {@code null}.
     */
    static String violation(ByteBuffer fixed) {
        if (fixed.getInt(MAGIC_OFFSET) != MAGIC) {
            return "not an MPJ tcp handshake (magic " + Integer.toHexString(fixed.getInt(MAGIC_OFFSET)) + ")";
        }
        if (fixed.get(VERSION_OFFSET) != VERSION) {
            return "handshake version " + fixed.get(VERSION_OFFSET) + ", expected " + VERSION;
        }
        byte intent = intent(fixed);
        if (intent < CONNECT || intent > DECLINE) {
            return "unknown handshake intent " + intent;
        }
        if (jobIdLength(fixed) > MAX_TEXT_BYTES || secretLength(fixed) > MAX_TEXT_BYTES
            || fixed.getShort(RESERVED_OFFSET) != 0) {
            return "job id or secret longer than " + MAX_TEXT_BYTES + " bytes, or reserved bits set";
        }
        return null;
    }

    /** Total length of the handshake whose (well-formed) fixed part is in {@code fixed}. */
    static int totalLength(ByteBuffer fixed) {
        return FIXED_LENGTH + jobIdLength(fixed) + secretLength(fixed);
    }

    /** The intent of a handshake. */
    static byte intent(ByteBuffer handshake) {
        return handshake.get(INTENT_OFFSET);
    }

    /** The rank the sender of a handshake claims to be. */
    static int rank(ByteBuffer handshake) {
        return handshake.getInt(RANK_OFFSET);
    }

    /**
     * Whether the complete handshake in {@code handshake} carries {@code expected}'s job id and
     * secret; the secret is compared in constant time.
     */
    static boolean matches(ByteBuffer handshake, Credentials expected) {
        byte[] jobId = new byte[jobIdLength(handshake)];
        byte[] secret = new byte[secretLength(handshake)];
        handshake.get(FIXED_LENGTH, jobId).get(FIXED_LENGTH + jobId.length, secret);
        boolean sameSecret = MessageDigest.isEqual(secret, expected.secret());
        return sameSecret & MessageDigest.isEqual(jobId, expected.jobId());
    }

    private static int jobIdLength(ByteBuffer fixed) {
        return Short.toUnsignedInt(fixed.getShort(JOB_ID_LENGTH_OFFSET));
    }

    private static int secretLength(ByteBuffer fixed) {
        return Short.toUnsignedInt(fixed.getShort(SECRET_LENGTH_OFFSET));
    }
}
