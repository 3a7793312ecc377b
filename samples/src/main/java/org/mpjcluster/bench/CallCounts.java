package org.mpjcluster.bench;

import mpi.MPI;
import org.mpjcluster.engine.coll.CollectiveCounts;

/**
 * One call of a collective on every rank, counted with {@link CollectiveCounts}: the rounds of
 * messages on its critical path and the most messages and bytes one rank sent. The ranks must be
 * threads of this JVM (shm). Rank 0 takes the counts; it tells the others to start, and they tell
 * it they are done, with point-to-point messages, which are not counted.
 */
final class CallCounts {

    private static final int GO_TAG = 22;
    private static final int DONE_TAG = 23;

    private CallCounts() {
    }

    /**
     * Makes the call on every rank; returns, at rank 0, what it did:
     * {@code path=messages rounds=R msgs_per_rank_max=M bytes_per_rank_max=B}, or
     * {@code path=in-memory} if its ranks met in memory and sent nothing; elsewhere {@code ""}.
     *
     * @param call the name of the MPI call, as the counts know it ({@code "Allreduce"})
     * @param once makes the call once
     */
    static String of(String call, Runnable once) {
        if (MPI.COMM_WORLD.Rank() != 0) {
            MPI.COMM_WORLD.Recv(new byte[0], 0, 0, MPI.BYTE, 0, GO_TAG);
            once.run();
            MPI.COMM_WORLD.Send(new byte[0], 0, 0, MPI.BYTE, 0, DONE_TAG);
            return "";
        }
        CollectiveCounts.Summary summary;
        try (CollectiveCounts counts = CollectiveCounts.start()) {
            for (int rank = 1; rank < MPI.COMM_WORLD.Size(); rank++) {
                MPI.COMM_WORLD.Send(new byte[0], 0, 0, MPI.BYTE, rank, GO_TAG);
            }
            once.run();
            for (int rank = 1; rank < MPI.COMM_WORLD.Size(); rank++) {
                MPI.COMM_WORLD.Recv(new byte[0], 0, 0, MPI.BYTE, rank, DONE_TAG);
            }
            summary = counts.summary(call);
        }
        if (summary == null) {
            return "path=in-memory";
        }
        return "path=messages rounds=" + summary.rounds() + " msgs_per_rank_max=" + summary.messagesPerRankMax()
            + " bytes_per_rank_max=" + summary.bytesPerRankMax();
    }
}
