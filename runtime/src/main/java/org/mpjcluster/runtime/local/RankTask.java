package org.mpjcluster.runtime.local;

/**
 * The code one rank runs, for {@link LocalJob#run}. Inside it, {@code MPI.COMM_WORLD} is the job's
 * world as this rank sees it; {@code MPI.Init} has already been called (calling it again is harmless).
 *
 * @param <T> what each rank returns
 */
@FunctionalInterface
public interface RankTask<T> {

    /** Runs the rank and returns its result. */
    T run() throws Exception;
}
