package org.mpjcluster.runtime.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mpjcluster.runtime.job.JobSummary;

/** The table {@code mpjrun --jobs} prints, one row per running job, oldest first. */
final class JobTable {

    private static final List<String> HEADERS = List.of("JOB", "RANKS", "STATE", "RUNNING", "MAIN", "PEERS");

    private JobTable() {
    }

    /** Prints the jobs under a header, or says there are none. */
    static void print(List<JobSummary> jobs, PrintStream out) {
        if (jobs.isEmpty()) {
            out.println("no jobs run on the cluster");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (JobSummary job : jobs) {
            rows.add(List.of(job.jobId(), Integer.toString(job.ranks()), job.state(),
                Duration.ofMillis(job.runningMillis()).toSeconds() + " s", job.mainClass(),
                job.shares().stream().map(share -> share.peer() + "(" + share.rankCount() + ")")
                    .collect(Collectors.joining(" "))));
        }
        TextTable.print(rows, out);
    }
}
