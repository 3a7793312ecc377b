package org.mpjcluster.device.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;

/** Payloads the kit sends, and checks on what arrives. */
final class TestPayloads {

    /** How a test payload is implemented: devices must rely on the {@link Payload} interface only. */
    enum Flavour {
        /** The SPI's own {@link BytePayload}. */
        BYTE_PAYLOAD,
        /** A payload class the device has never seen, as the engine's array views are. */
        FOREIGN;

        /** A payload of this flavour over {@code bytes} (not copied). */
        Payload over(byte[] bytes) {
            return this == BYTE_PAYLOAD ? BytePayload.wrap(bytes, 0, bytes.length) : new ForeignPayload(bytes);
        }
    }

    private TestPayloads() {
    }

    /** {@code size} random bytes, the same for the same seed. */
    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    /** CRC-32 of {@code bytes}. */
    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Eight little-endian bytes holding {@code value}. */
    static Payload longPayload(long value) {
        byte[] bytes = new byte[Long.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return BytePayload.wrap(bytes, 0, bytes.length);
    }

    /** The value of {@link #longPayload}'s bytes. */
    static long longOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** A description of where two byte arrays first differ, or {@code null} if they are equal. */
    static String difference(byte[] expected, byte[] actual) {
        if (actual == null) {
            return "no payload arrived";
        }
        int at = Arrays.mismatch(expected, actual);
        if (at < 0) {
            return null;
        }
        return "payload of " + actual.length + " bytes (expected " + expected.length + ", CRC-32 "
            + Long.toHexString(crc32(expected)) + " vs " + Long.toHexString(crc32(actual))
            + ") first differs at byte " + at;
    }

    /** A heap payload that is not a {@link BytePayload}. */
    private static final class ForeignPayload implements Payload {
        private final byte[] bytes;

        ForeignPayload(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int byteSize() {
            return bytes.length;
        }

        @Override
        public void copyTo(int offset, ByteBuffer dst, int at, int length) {
            dst.put(at, bytes, offset, length);
        }

        @Override
        public Payload retain() {
            return new ForeignPayload(bytes.clone());
        }
    }
}
