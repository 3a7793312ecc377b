package org.mpjcluster.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import mpi.MPIException;
import org.mpjcluster.engine.ErrorClass;

/**
 * Carries {@code MPI.OBJECT} elements as one Java serialization stream, decoding classes through
 * the receiving rank's class loader so that objects of the user's own classes arrive as instances
 * of the receiver's copy of those classes.
 */
public final class ObjectCodec {

    private ObjectCodec() {
    }

    /** Serializes the objects of {@code array} that {@code count} items of {@code layout} cover. */
    public static byte[] encode(Object[] array, int offset, int count, TypeLayout layout) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            layout.forEachBlock(offset, count, count * layout.size(), (start, length) -> {
                for (int i = start; i < start + length; i++) {
                    writeElement(out, array, i);
                }
            });
        } catch (IOException e) {
            throw new MPIException(ErrorClass.TYPE, "cannot serialize MPI.OBJECT buffer: " + e);
        }
        return bytes.toByteArray();
    }

    private static void writeElement(ObjectOutputStream out, Object[] array, int index) {
        try {
            out.writeObject(array[index]);
        } catch (NotSerializableException e) {
            throw new MPIException(ErrorClass.TYPE, "element " + index + " of the MPI.OBJECT buffer is a "
                + e.getMessage() + ", which does not implement java.io.Serializable");
        } catch (IOException e) {
            throw new MPIException(ErrorClass.TYPE, "cannot serialize element " + index
                + " of the MPI.OBJECT buffer: " + e);
        }
    }

    /**
     * Deserializes the first {@code limit} objects of {@code src} into the elements {@code count}
     * items of {@code layout} cover in {@code array}, resolving classes through {@code loader}.
     */
    public static void decode(ByteBuffer src, ClassLoader loader, Object[] array, int offset,
                              int count, TypeLayout layout, int limit) {
        decode(src, loader, array, offset, count, layout, 0, limit);
    }

    /**
     * Like {@link #decode(ByteBuffer, ClassLoader, Object[], int, int, TypeLayout, int)}, but
     * stores the objects from the {@code skip}-th covered element on.
     */
    public static void decode(ByteBuffer src, ClassLoader loader, Object[] array, int offset,
                              int count, TypeLayout layout, int skip, int limit) {
        try (ObjectInputStream in = new LoaderObjectInputStream(new BufferInputStream(src), loader)) {
            layout.forEachBlock(offset, count, skip, limit, (start, length) -> {
                for (int i = start; i < start + length; i++) {
                    array[i] = readElement(in, i);
                }
            });
        } catch (IOException e) {
            throw new MPIException(ErrorClass.TYPE, "received message is not a stream of objects: " + e);
        }
    }

    private static Object readElement(ObjectInputStream in, int index) {
        try {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new MPIException(ErrorClass.TYPE, "received object class " + e.getMessage()
                + " is not on the receiving rank's class path");
        } catch (IOException e) {
            throw new MPIException(ErrorClass.TYPE, "cannot deserialize received object " + index + ": " + e);
        } catch (ArrayStoreException e) {
            throw new MPIException(ErrorClass.TYPE, "received object does not fit the receive buffer's element type: " + e.getMessage());
        }
    }

    /** Resolves classes through a given loader, as the receiving rank sees them. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    /** Reads a byte buffer as a stream without copying it first. */
    private static final class BufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        BufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
