package org.mpjcluster.runtime.job;

import java.util.List;
import org.mpjcluster.runtime.node.CborSerializable;

/**
 * A running job as {@code mpjrun --jobs} lists it.
 *
 * @param jobId       the job's id, {@code RANDOM@host:port} of the peer coordinating it
 * @param ranks       how many ranks it runs
 * @param mainClass   the program
 * @param state       {@code placing} while it waits for slots, then {@code running}
 * @param shares      where its ranks run, once placed
 * @param runningMillis how long ago it was submitted
 * @param rankStates  every replica of every rank, once placed, in rank order
 */
public record JobSummary(String jobId, int ranks, String mainClass, String state, List<Placement.Share> shares,
                         long runningMillis, List<RankState> rankStates) implements CborSerializable {

    /** Copies the lists, so that the summary stays immutable. */
    public JobSummary {
        shares = List.copyOf(shares);
        rankStates = List.copyOf(rankStates);
    }
}
