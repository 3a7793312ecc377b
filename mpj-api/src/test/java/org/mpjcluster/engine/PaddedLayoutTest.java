package org.mpjcluster.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.mpjcluster.device.CacheLinePadding;
import org.mpjcluster.device.PayloadView;

/**
 * The objects a rank writes on every message keep their fields two cache lines away from both
 * ends, wherever the JVM puts them: the fields that {@link CacheLinePadding} protects must lie
 * between its {@code long}s and those of the final class, and none in the hole after the object
 * header, where the JVM puts a subclass's field if the padding leaves it free.
 */
class PaddedLayoutTest {

    private static final int GUARD_BYTES = 2 * 64;
    /** {@code sun.misc.Unsafe.objectFieldOffset}, looked up at run time: the one way to see where a field lies. */
    private static final MethodHandle FIELD_OFFSET = fieldOffsetOfUnsafe();

    @Test
    void matchQueuesKeepTheirLockAndListEndsAwayFromNeighbours() {
        assertPadded(MatchQueues.class, MatchQueueEnds.class);
    }

    @Test
    void payloadViewKeepsItsFieldsAwayFromNeighbours() {
        assertPadded(PayloadView.class, PayloadView.class.getSuperclass());
    }

    /** Every field {@code protectedFields} declares lies at least two lines from either end of {@code padded}. */
    private static void assertPadded(Class<?> padded, Class<?> protectedFields) {
        long end = endOfFields(padded);
        for (Field field : protectedFields.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            long offset = offsetOf(field);
            assertTrue(offset >= GUARD_BYTES && offset <= end - GUARD_BYTES,
                () -> padded.getSimpleName() + "." + field.getName() + " lies at byte " + offset
                    + " of an object whose fields end at byte " + end + ": within " + GUARD_BYTES
                    + " bytes of an end, it shares a cache line with a neighbouring object");
        }
    }

    private static long endOfFields(Class<?> type) {
        long end = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    end = Math.max(end, offsetOf(field) + Long.BYTES);
                }
            }
        }
        return end;
    }

    private static long offsetOf(Field field) {
        try {
            return (long) FIELD_OFFSET.invokeExact(field);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot find the offset of " + field, e);
        }
    }

    private static MethodHandle fieldOffsetOfUnsafe() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field instance = unsafeClass.getDeclaredField("theUnsafe");
            instance.setAccessible(true);
            return MethodHandles.lookup()
                .findVirtual(unsafeClass, "objectFieldOffset", MethodType.methodType(long.class, Field.class))
                .bindTo(instance.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }
}
