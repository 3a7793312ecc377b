package org.mpjcluster.device;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What a device needs to know to open for one endpoint of a job.
 *
 * @param jobId         identifies the job; endpoints of different jobs never talk
 * @param localEndpoint this endpoint's index, {@code 0 <= localEndpoint < endpointCount}
 * @param endpointCount number of endpoints in the job
 * @param colocated     tells which endpoints live in this JVM
 * @param sink          where incoming frames go
 */
public record DeviceContext(String jobId, int localEndpoint, int endpointCount,
                            IntPredicate colocated, FrameSink sink) {

    /** Checks the arguments. */
    public DeviceContext {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(colocated, "colocated");
        Objects.requireNonNull(sink, "sink");
        if (endpointCount < 1 || localEndpoint < 0 || localEndpoint >= endpointCount) {
            throw new IllegalArgumentException(
                "local endpoint " + localEndpoint + " outside 0.." + (endpointCount - 1));
        }
    }
}
