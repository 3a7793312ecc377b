package org.mpjcluster.device.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.Frame;

/**
 * The endpoints of one job under test: a device and a recording sink per endpoint. Waits by
 * polling the devices, so devices that make progress only in {@link Device#poll()} get it.
 */
final class TestJob implements AutoCloseable {

    private static final int SPINS_BEFORE_YIELD = 100;
    private static final int YIELDS_BEFORE_PARK = 100;
    private static final long MAX_PARK_NS = 1_000_000;

    private final List<Device> devices;
    private final List<RecordingSink> sinks;
    private final boolean[] closed;
    private final long timeoutNs;

    TestJob(List<Device> devices, List<RecordingSink> sinks, Duration timeout) {
        this.devices = List.copyOf(devices);
        this.sinks = List.copyOf(sinks);
        this.closed = new boolean[devices.size()];
        this.timeoutNs = timeout.toNanos();
    }

    /** Number of endpoints. */
    int size() {
        return devices.size();
    }

    /** The device of {@code endpoint}. */
    Device device(int endpoint) {
        return devices.get(endpoint);
    }

    /** The sink of {@code endpoint}. */
    RecordingSink sink(int endpoint) {
        return sinks.get(endpoint);
    }

    /** Sends {@code frame} from {@code from} to {@code to}, then polls every device once. */
    void send(int from, int to, Frame frame) {
        device(from).send(to, frame);
        pollAll();
    }

    /** Closes the device of {@code endpoint}; the job no longer polls it. */
    void close(int endpoint) {
        closed[endpoint] = true;
        device(endpoint).close();
    }

    /** Polls every open device once; returns the work done. */
    int pollAll() {
        return poll(endpoint -> true);
    }

    /** Polls every device until {@code done} holds; fails, saying {@code what} was awaited, on timeout. */
    void awaitUntil(Supplier<String> what, BooleanSupplier done) {
        awaitUntil(what, endpoint -> true, done);
    }

    /** Like {@link #awaitUntil(Supplier, BooleanSupplier)}, polling only the endpoints {@code polled} accepts. */
    void awaitUntil(Supplier<String> what, IntPredicate polled, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeoutNs;
        int idleRounds = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + Duration.ofNanos(timeoutNs) + " waiting for " + what.get());
            }
            idleRounds = poll(polled) > 0 ? 0 : idle(idleRounds);
        }
    }

    /** Keeps polling every device for {@code period}, to let late or duplicate deliveries show. */
    void pollFor(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        int idleRounds = 0;
        while (System.nanoTime() - end < 0) {
            idleRounds = pollAll() > 0 ? 0 : idle(idleRounds);
        }
    }

    private int poll(IntPredicate polled) {
        int work = 0;
        for (int endpoint = 0; endpoint < devices.size(); endpoint++) {
            if (!closed[endpoint] && polled.test(endpoint)) {
                work += devices.get(endpoint).poll();
            }
        }
        return work;
    }

    /** Spins, then yields, then parks with growing pauses, as the engine's idle strategy does. */
    private static int idle(int idleRounds) {
        if (idleRounds < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else if (idleRounds < SPINS_BEFORE_YIELD + YIELDS_BEFORE_PARK) {
            Thread.yield();
        } else {
            int parks = idleRounds - SPINS_BEFORE_YIELD - YIELDS_BEFORE_PARK;
            LockSupport.parkNanos(Math.min(MAX_PARK_NS, 1_000L << Math.min(parks, 10)));
        }
        return idleRounds + 1;
    }

    /** Closes every device; closing one twice is allowed by the device contract. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Device device : devices) {
            try {
                device.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
