package org.mpjcluster.device;

import java.time.Duration;

/**
 * Where the endpoints of a job can be reached, per device. A device that listens (tcp) publishes
 * its address when it opens and looks up a peer's address when it first connects to it. Within one
 * JVM this is a shared map ({@link SharedDirectory}); across JVMs the launcher gathers what every
 * endpoint published and hands the whole table to each of them.
 */
public interface EndpointDirectory {

    /**
     * Makes {@code address} known as where {@code device} of {@code endpoint} listens.
     *
     * @throws DeviceException if the directory cannot take it (closed, or the address is already set)
     */
    void publish(String device, int endpoint, String address);

    /**
     * The address {@code device} of {@code endpoint} published, waiting up to {@code timeout} for
     * it to become known.
     *
     * @throws DeviceException if it is not known in time, or the directory was closed
     */
    String lookup(String device, int endpoint, Duration timeout);
}
