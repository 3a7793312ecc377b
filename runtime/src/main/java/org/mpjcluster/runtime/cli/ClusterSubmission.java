package org.mpjcluster.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.JobUpdate;
import org.mpjcluster.runtime.job.ShippedFile;
import org.mpjcluster.runtime.local.Classpath;

/**
 * {@code mpjrun --cluster}: ships the program's jars and the job's files to the peer (only those
 * it does not hold already: they are addressed by content), submits the job, prints what the
 * ranks print as it comes, and returns the job's exit status.
 */
final class ClusterSubmission {

    private final ClusterClient client;
    private final ApiToken token;
    private final PrintStream out;
    private final PrintStream err;

    ClusterSubmission(ClusterClient client, ApiToken token, PrintStream out, PrintStream err) {
        this.client = client;
        this.token = token;
        this.out = out;
        this.err = err;
    }

    /** The job's settings besides its program. */
    record Options(int ranks, String strategy, List<Path> files, List<String> jvmOptions, Map<String, String> environment,
                   String workingDirectory, boolean tagOutput, long reserveTimeoutMillis, boolean verbose) {
    }

    /**
     * Runs {@code mainClass} of {@code classpath} with {@code args} on the cluster; returns the
     * job's exit status (0 only if every rank succeeded).
     *
     * @throws IllegalArgumentException if a class path entry or file cannot be shipped
     */
    int run(Classpath classpath, String mainClass, List<String> args, Options options)
        throws ClusterClient.ClusterException, InterruptedException {
        JobSpec spec = new JobSpec(options.ranks(), options.strategy(), ship(classpath.entries(), true, options.verbose()),
            mainClass, args, ship(options.files(), false, options.verbose()), options.jvmOptions(), options.environment(), options.workingDirectory(),
            options.tagOutput(), options.reserveTimeoutMillis());
        JobUpdate.Finished finished = client.submit(spec, token, update -> show(update, options.verbose()));
        out.flush();
        finished.report().forEach(err::println);
        return MpjRun.exitStatus(finished.exitCode());
    }

    private List<ShippedFile> ship(List<Path> paths, boolean classpath, boolean verbose) throws ClusterClient.ClusterException,
        InterruptedException {
        List<ShippedFile> shipped = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException((classpath ? "class path entry '" : "file '") + path
                    + "' is not a file: only files travel to the cluster" + (classpath ? "; package classes in a jar" : ""));
            }
            BlobId id;
            try {
                id = BlobId.of(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read '" + path + "': " + e.getMessage());
            }
            boolean uploaded = client.ship(path, id, token);
            if (verbose) {
                err.println("mpjrun: " + path + (uploaded ? " shipped to the peer" : " is cached on the peer already")
                    + " (sha256 " + id + ")");
            }
            shipped.add(new ShippedFile(path.getFileName().toString(), id.hex()));
        }
        return shipped;
    }

    private void show(JobUpdate update, boolean verbose) {
        if (update instanceof JobUpdate.Output output) {
            (output.error() ? err : out).println(output.line());
        } else if (verbose && update instanceof JobUpdate.Accepted accepted) {
            err.println("mpjrun: job " + accepted.jobId() + " accepted");
        } else if (verbose && update instanceof JobUpdate.Placed placed) {
            placed.shares().forEach(share -> err.println("mpjrun: ranks " + share.firstRank() + ".."
                + (share.firstRank() + share.rankCount() - 1) + " on peer " + share.peer()));
        }
    }
}
