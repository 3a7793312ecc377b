package org.mpjcluster.runtime.local;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/** Tells the user, on standard error, how a failed job ended: which rank failed and why. */
public final class OutcomeReport {

    private OutcomeReport() {
    }

    /** Prints how {@code result} ended, if it failed, ending with {@code exitStatus}; prints nothing for a success. */
    public static void print(JobResult<?> result, int exitStatus, PrintStream err) {
        if (result.succeeded()) {
            return;
        }
        err.println("mpjrun: " + result.failureMessage().orElse("job failed"));
        for (RankOutcome<?> outcome : result.outcomes()) {
            if (outcome.ending() == Ending.FAILED && outcome.failure() != null) {
                err.print("mpjrun: rank " + outcome.rank() + " threw ");
                outcome.failure().printStackTrace(err);
            }
        }
        describe(result.outcomes(), Ending.STOPPED, "were stopped because the job failed", err);
        describe(result.outcomes(), Ending.HUNG, "did not stop within the grace period and were abandoned", err);
        describe(result.outcomes(), Ending.DIED, "died with their JVM", err);
        err.println("mpjrun: exit status " + exitStatus);
    }

    private static void describe(List<? extends RankOutcome<?>> outcomes, Ending ending, String what, PrintStream err) {
        String ranks = outcomes.stream().filter(o -> o.ending() == ending)
            .map(o -> Integer.toString(o.rank())).collect(Collectors.joining(", "));
        if (!ranks.isEmpty()) {
            err.println("mpjrun: ranks " + ranks + " " + what);
        }
    }
}
