package org.mpjcluster.runtime.process;

/**
 * The JVM a worker runs in, as its supervisor sees it: a process of this host, or one that a
 * peer of the cluster runs for the job. Its methods may be called from any thread.
 */
interface WorkerJvm {

    /** Asks the JVM to end (SIGTERM). */
    void stop();

    /** Ends the JVM at once (SIGKILL). */
    void kill();

    /** Where it runs, for messages: {@code pid 123}, or {@code pid 123 on peer 10.0.0.2:2552}. */
    String where();

    /** Waits up to {@code millis} for the last of its output to be forwarded. */
    void awaitOutput(long millis) throws InterruptedException;

    /** Waits up to {@code millis} for the JVM to end; returns whether it has. */
    boolean awaitExit(long millis) throws InterruptedException;
}
