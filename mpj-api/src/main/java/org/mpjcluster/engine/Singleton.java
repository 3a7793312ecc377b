package org.mpjcluster.engine;

import java.util.UUID;

/**
 * Starts a job of one rank for a program that calls {@code MPI.Init} without a launcher
 * ({@code java -cp app.jar Main}): MPI's singleton initialization.
 */
public final class Singleton {

    private Singleton() {
    }

    /** Creates the one-rank process, binds it as this JVM's default, and returns it. */
    public static synchronized MpiProcess start() {
        MpiProcess existing = RankBinding.current();
        if (existing != null) {
            return existing;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Engine engine = Engine.open(JobWiring.alone("singleton-" + UUID.randomUUID()), 0,
            new JobControl(), EngineSettings.DEFAULTS, loader);
        MpiProcess process = new MpiProcess(engine, loader);
        RankBinding.bindDefault(process);
        return process;
    }
}
