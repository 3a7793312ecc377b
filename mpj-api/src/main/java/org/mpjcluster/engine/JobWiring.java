package org.mpjcluster.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.EndpointDirectory;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.SelfDeviceProvider;
import org.mpjcluster.device.SharedDirectory;

/**
 * How the endpoints of one job find each other, shared by the engines of the job in one JVM.
 *
 * @param jobId          the job, shared by all its endpoints
 * @param secret         the job's secret, known only to its endpoints
 * @param endpointCount  number of endpoints (world size)
 * @param colocated      which endpoints live in this JVM
 * @param directory      where devices publish and find the endpoints' addresses
 * @param deviceSettings the {@code mpj.device} settings
 * @param allowedDevices which device names may be used
 */
public record JobWiring(String jobId, String secret, int endpointCount, IntPredicate colocated,
                        EndpointDirectory directory, Config deviceSettings,
                        Predicate<String> allowedDevices) {

    /** Checks the arguments. */
    public JobWiring {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(colocated, "colocated");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(deviceSettings, "deviceSettings");
        Objects.requireNonNull(allowedDevices, "allowedDevices");
        if (endpointCount < 1) {
            throw new IllegalArgumentException("a job needs at least 1 endpoint, not " + endpointCount);
        }
    }

    /** A job of one endpoint, which only ever talks to itself: it opens the {@code self} device alone. */
    public static JobWiring alone(String jobId) {
        return new JobWiring(jobId, DeviceContext.newSecret(), 1, endpoint -> true,
            new SharedDirectory(), ConfigFactory.empty(), SelfDeviceProvider.NAME::equals);
    }

    /** The context the devices of {@code endpoint} open with. */
    DeviceContext deviceContext(int endpoint, FrameSink sink) {
        return new DeviceContext(jobId, secret, endpoint, endpointCount, colocated, directory,
            deviceSettings, sink);
    }
}
