package org.mpjcluster.device;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EndpointDirectory} held in memory: shared by the endpoints of a job that live in one
 * JVM, and filled from the launcher's table in a JVM that hosts only some of them.
 */
public final class SharedDirectory implements EndpointDirectory {

    private record Key(String device, int endpoint) {
    }

    private final Map<Key, String> addresses = new HashMap<>();

    @Override
    public synchronized void publish(String device, int endpoint, String address) {
        String previous = addresses.putIfAbsent(new Key(device, endpoint), address);
        if (previous != null && !previous.equals(address)) {
            throw new DeviceException("endpoint " + endpoint + " already published " + previous
                + " for device " + device + ", not " + address);
        }
        notifyAll();
    }

    @Override
    public synchronized String lookup(String device, int endpoint, Duration timeout) {
        Key key = new Key(device, endpoint);
        long deadline = System.nanoTime() + timeout.toNanos();
        String address;
        while ((address = addresses.get(key)) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DeviceException("endpoint " + endpoint + " published no address for device "
                    + device + " within " + timeout.toMillis() + " ms");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("interrupted while looking up endpoint " + endpoint);
            }
        }
        return address;
    }

    /** Every address published so far, as {@code device -> endpoint -> address}. */
    public synchronized Map<String, Map<Integer, String>> snapshot() {
        Map<String, Map<Integer, String>> table = new HashMap<>();
        addresses.forEach((key, address) ->
            table.computeIfAbsent(key.device(), d -> new HashMap<>()).put(key.endpoint(), address));
        return table;
    }
}
