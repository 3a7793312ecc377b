package org.mpjcluster.runtime.process;

/** Where a worker JVM's standard input comes from; only the JVM of rank 0 has any. */
enum WorkerInput {

    /** Nothing: the JVM reads end-of-file. */
    NONE,

    /** This JVM's own standard input, which {@code mpjrun --processes} hands to the JVM of rank 0. */
    INHERITED,

    /** A pipe this JVM writes ({@link LocalJvm#input()}), through which a peer feeds the job's input. */
    PIPED
}
