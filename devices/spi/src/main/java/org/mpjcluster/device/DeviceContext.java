package org.mpjcluster.device;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What a device needs to know to open for one endpoint of a job.
 *
 * @param jobId         identifies the job; endpoints of different jobs never talk
 * @param secret        shared by the job's endpoints only; devices that accept connections use it
 *                      to refuse strangers
 * @param localEndpoint this endpoint's index, {@code 0 <= localEndpoint < endpointCount}
 * @param endpointCount number of endpoints in the job
 * @param colocated     tells which endpoints live in this JVM
 * @param directory     where devices publish and look up the endpoints' addresses
 * @param settings      the devices' settings (the {@code mpj.device} section: one sub-section
 *                      per device, keyed by its name)
 * @param sink          where incoming frames go
 */
public record DeviceContext(String jobId, String secret, int localEndpoint, int endpointCount,
                            IntPredicate colocated, EndpointDirectory directory, Config settings,
                            FrameSink sink) {

    private static final int SECRET_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the arguments. */
    public DeviceContext {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(colocated, "colocated");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sink, "sink");
        if (endpointCount < 1 || localEndpoint < 0 || localEndpoint >= endpointCount) {
            throw new IllegalArgumentException(
                "local endpoint " + localEndpoint + " outside 0.." + (endpointCount - 1));
        }
    }

    /**
     * A context for a device that needs no addresses nor settings (the in-JVM ones): a fresh
     * secret and directory, and empty settings.
     */
    public DeviceContext(String jobId, int localEndpoint, int endpointCount, IntPredicate colocated,
                         FrameSink sink) {
        this(jobId, newSecret(), localEndpoint, endpointCount, colocated, new SharedDirectory(),
            ConfigFactory.empty(), sink);
    }

    /** A random secret for a new job: 128 bits, in hex. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The settings of device {@code name}: its sub-section of {@link #settings}, or empty. */
    public Config settingsOf(String name) {
        return settings.hasPath(name) ? settings.getConfig(name) : ConfigFactory.empty();
    }
}
