package org.mpjcluster.runtime.process;

import java.time.Duration;

/** Something that happened to a worker, queued for the launcher's one supervising thread. */
sealed interface JobEvent {

    /** The worker it happened to. */
    int worker();

    /** Worker {@code worker} connected and proved it knows the job's secret; {@code channel} reaches it. */
    record Connected(int worker, ControlSink channel) implements JobEvent {
    }

    /** Worker {@code worker} sent {@code message}. */
    record Received(int worker, ControlMessage message) implements JobEvent {
    }

    /** The JVM of worker {@code worker} ended with {@code exitStatus}. */
    record Exited(int worker, int exitStatus) implements JobEvent {
    }

    /** Worker {@code worker} is gone with the host that ran it, for {@code reason}: a peer left or died. */
    record Lost(int worker, String reason) implements JobEvent {
    }

    /**
     * The job is cancelled from outside (a user's request, its submitter gone) for {@code reason};
     * its ranks get at most {@code grace} to stop.
     */
    record Cancelled(String reason, int exitCode, Duration grace) implements JobEvent {
        /** Concerns no worker in particular. */
        @Override
        public int worker() {
            return -1;
        }
    }
}
