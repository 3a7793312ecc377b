package org.mpjcluster.runtime.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.mpjcluster.runtime.node.CborSerializable;

/**
 * What the submitter of a job hears about it, in order; {@link Finished} is the last. In JSON
 * each carries its kind in {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobUpdate.Accepted.class, name = "accepted"),
    @JsonSubTypes.Type(value = JobUpdate.Placed.class, name = "placed"),
    @JsonSubTypes.Type(value = JobUpdate.Output.class, name = "output"),
    @JsonSubTypes.Type(value = JobUpdate.InputCredit.class, name = "input-credit"),
    @JsonSubTypes.Type(value = JobUpdate.Finished.class, name = "finished")})
public sealed interface JobUpdate extends CborSerializable {

    /** The job was accepted under {@code jobId}. */
    record Accepted(String jobId) implements JobUpdate {
    }

    /** The job's ranks were placed and their slots reserved: {@code shares} in rank order. */
    record Placed(List<Placement.Share> shares) implements JobUpdate {
    }

    /** A line (without its newline) that the ranks on {@code peer} printed on standard output, or error if {@code error}. */
    record Output(String peer, boolean error, String line) implements JobUpdate {
    }

    /**
     * Rank 0 reads standard input: the submitter may send {@code bytes} more of it (the first
     * credit comes when rank 0 first reads, more as it takes what was sent).
     */
    record InputCredit(long bytes) implements JobUpdate {
    }

    /**
     * The job ended with {@code exitCode} (0 only if every rank succeeded); {@code report} tells,
     * line by line, how a failed job ended.
     */
    record Finished(int exitCode, List<String> report) implements JobUpdate {
    }
}
