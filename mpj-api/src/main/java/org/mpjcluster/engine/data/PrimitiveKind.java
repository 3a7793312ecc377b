package org.mpjcluster.engine.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * The Java element types a message can carry, each with one kernel that packs an array range into
 * little-endian bytes and one that unpacks it. The type switch happens once per call, outside the
 * loop: each constant is its own kernel.
 */
public enum PrimitiveKind {
    /** {@code byte[]} elements. */
    BYTE(byte[].class, Byte.BYTES, byte[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            packRangeAt(array, offset, count, dst, dst.position());
        }

        @Override
        void packRangeAt(Object array, int offset, int count, ByteBuffer dst, int at) {
            dst.put(at, (byte[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.get(src.position(), (byte[]) array, offset, count);
        }
    },
    /** {@code char[]} elements (UTF-16 code units). */
    CHAR(char[].class, Character.BYTES, char[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asCharBuffer().put((char[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asCharBuffer().get((char[]) array, offset, count);
        }
    },
    /** {@code short[]} elements. */
    SHORT(short[].class, Short.BYTES, short[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asShortBuffer().put((short[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asShortBuffer().get((short[]) array, offset, count);
        }
    },
    /** {@code boolean[]} elements, one byte each (0 or 1). */
    BOOLEAN(boolean[].class, 1, boolean[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            packRangeAt(array, offset, count, dst, dst.position());
        }

        @Override
        void packRangeAt(Object array, int offset, int count, ByteBuffer dst, int at) {
            boolean[] values = (boolean[]) array;
            for (int i = 0; i < count; i++) {
                dst.put(at + i, values[offset + i] ? (byte) 1 : (byte) 0);
            }
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            boolean[] values = (boolean[]) array;
            int at = src.position();
            for (int i = 0; i < count; i++) {
                values[offset + i] = src.get(at + i) != 0;
            }
        }
    },
    /** {@code int[]} elements. */
    INT(int[].class, Integer.BYTES, int[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asIntBuffer().put((int[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asIntBuffer().get((int[]) array, offset, count);
        }
    },
    /** {@code long[]} elements. */
    LONG(long[].class, Long.BYTES, long[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asLongBuffer().put((long[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asLongBuffer().get((long[]) array, offset, count);
        }
    },
    /** {@code float[]} elements. */
    FLOAT(float[].class, Float.BYTES, float[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asFloatBuffer().put((float[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asFloatBuffer().get((float[]) array, offset, count);
        }
    },
    /** {@code double[]} elements. */
    DOUBLE(double[].class, Double.BYTES, double[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            dst.asDoubleBuffer().put((double[]) array, offset, count);
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            src.asDoubleBuffer().get((double[]) array, offset, count);
        }
    },
    /** {@code Object[]} elements, carried as Java serialization (see {@link ObjectCodec}). */
    OBJECT(Object[].class, 0, Object[]::new) {
        @Override
        void packRange(Object array, int offset, int count, ByteBuffer dst) {
            throw new UnsupportedOperationException("objects are serialized, not packed");
        }

        @Override
        void unpackRange(ByteBuffer src, Object array, int offset, int count) {
            throw new UnsupportedOperationException("objects are deserialized, not unpacked");
        }
    };

    private static final PrimitiveKind[] VALUES = values();

    private final Class<?> arrayType;
    private final int byteSize;
    private final IntFunction<Object> allocator;

    PrimitiveKind(Class<?> arrayType, int byteSize, IntFunction<Object> allocator) {
        this.arrayType = arrayType;
        this.byteSize = byteSize;
        this.allocator = allocator;
    }

    /** A new array of this kind with {@code length} elements. */
    public Object newArray(int length) {
        return allocator.apply(length);
    }

    /** Size of one element in the wire form, in bytes (0 for objects, which vary). */
    public int byteSize() {
        return byteSize;
    }

    /** The Java array type that holds elements of this kind. */
    public Class<?> arrayType() {
        return arrayType;
    }

    /** The kind of the elements of {@code array}, or {@code null} if it is not an array a message can carry. */
    public static PrimitiveKind of(Object array) {
        for (PrimitiveKind kind : VALUES) {
            if (kind.holds(array)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether {@code buffer} is an array of this kind. */
    public boolean holds(Object buffer) {
        return arrayType.isInstance(buffer);
    }

    /**
     * Packs {@code count} elements of {@code array} from {@code offset} into {@code dst} at its
     * position, advancing the position. {@code dst} must be little-endian.
     */
    public final void pack(Object array, int offset, int count, ByteBuffer dst) {
        packRange(array, offset, count, dst);
        dst.position(dst.position() + count * byteSize);
    }

    /**
     * Packs {@code count} elements of {@code array} from {@code offset} into {@code dst} from byte
     * index {@code at}, leaving the position and limit of {@code dst} alone, so that a buffer
     * that lives long is not written on every message. Bytes go straight in; wider kinds go
     * through a little-endian view of their own.
     */
    public final void packAt(Object array, int offset, int count, ByteBuffer dst, int at) {
        packRangeAt(array, offset, count, dst, at);
    }

    /**
     * Unpacks {@code count} elements from {@code src} at its position into {@code array} from
     * {@code offset}, advancing the position. {@code src} must be little-endian.
     */
    public final void unpack(ByteBuffer src, Object array, int offset, int count) {
        unpackRange(src, array, offset, count);
        src.position(src.position() + count * byteSize);
    }

    abstract void packRange(Object array, int offset, int count, ByteBuffer dst);

    /**
     * {@link #packRange} at byte index {@code at}; kinds whose kernels need the position (the
     * typed views start there) work in a little-endian duplicate of {@code dst}.
     */
    void packRangeAt(Object array, int offset, int count, ByteBuffer dst, int at) {
        packRange(array, offset, count, dst.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear().position(at));
    }

    abstract void unpackRange(ByteBuffer src, Object array, int offset, int count);
}
