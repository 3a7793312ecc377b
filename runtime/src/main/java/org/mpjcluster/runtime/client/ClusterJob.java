package org.mpjcluster.runtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.JobUpdate;
import org.mpjcluster.runtime.job.ShippedFile;

/**
 * A job to run on a cluster of peers, from {@code mpjrun --cluster} or from a JVM application:
 * ships the program's jars and the job's files to the peer (only those it does not hold already:
 * they are addressed by content), submits the job, hands what the ranks print to an output
 * listener as it comes, and returns how the job ended.
 *
 * <pre>{@code
 * ClusterJob.Result result = ClusterJob.of(ClusterClient.at("10.0.0.5:8558"), ApiToken.read(tokenFile))
 *     .ranks(6).classpath(List.of(Path.of("app.jar"))).mainClass("org.example.Main").args(List.of("in.dat"))
 *     .onOutput(line -> System.out.println(line.peer() + ": " + line.line()))
 *     .run();
 * }</pre>
 */
public final class ClusterJob {

    /** How a job ended: {@code exitCode} 0 only if every rank succeeded; {@code report} says how a failed one failed. */
    public record Result(String jobId, int exitCode, List<String> report) {

        /** Copies the report, so that the result stays immutable. */
        public Result {
            report = List.copyOf(report);
        }

        /** Whether every rank succeeded. */
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final ClusterClient client;
    private final ApiToken token;
    private int ranks = 1;
    private String strategy = "spread";
    private List<Path> classpath = List.of();
    private String mainClass;
    private List<String> args = List.of();
    private List<Path> files = List.of();
    private List<String> jvmOptions = List.of();
    private Map<String, String> environment = Map.of();
    private String workingDirectory = "";
    private boolean tagOutput;
    private long reserveTimeoutMillis;
    private Duration timeout;
    private Duration abortGrace;
    private Consumer<JobUpdate.Output> output = line -> { };
    private Consumer<String> progress = message -> { };
    private InputStream input = InputStream.nullInputStream();

    private ClusterJob(ClusterClient client, ApiToken token) {
        this.client = Objects.requireNonNull(client, "client");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** A job submitted through {@code client} with {@code token}. */
    public static ClusterJob of(ClusterClient client, ApiToken token) {
        return new ClusterJob(client, token);
    }

    /** How many ranks to run (default 1). */
    public ClusterJob ranks(int count) {
        this.ranks = count;
        return this;
    }

    /** {@code spread} (the default) or {@code concentrate}. */
    public ClusterJob strategy(String name) {
        this.strategy = Objects.requireNonNull(name, "strategy");
        return this;
    }

    /** The program's jars, in class path order. */
    public ClusterJob classpath(List<Path> jars) {
        this.classpath = List.copyOf(jars);
        return this;
    }

    /** The class whose {@code main} every rank runs. */
    public ClusterJob mainClass(String name) {
        this.mainClass = Objects.requireNonNull(name, "mainClass");
        return this;
    }

    /** The program's arguments. */
    public ClusterJob args(List<String> arguments) {
        this.args = List.copyOf(arguments);
        return this;
    }

    /** Files put in the ranks' working directory on every peer. */
    public ClusterJob files(List<Path> shipped) {
        this.files = List.copyOf(shipped);
        return this;
    }

    /** Options for the worker JVMs, such as {@code -Xmx2g}. */
    public ClusterJob jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    /** Variables added to the ranks' environment. */
    public ClusterJob environment(Map<String, String> variables) {
        this.environment = new LinkedHashMap<>(variables);
        return this;
    }

    /** The ranks' working directory on every peer; by default a new one per job. */
    public ClusterJob workingDirectory(String directory) {
        this.workingDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Prefix every output line with {@code [rank@peer]}. */
    public ClusterJob tagOutput(boolean tag) {
        this.tagOutput = tag;
        return this;
    }

    /** How long to wait for enough free slots, in milliseconds; by default the job fails at once. */
    public ClusterJob waitForSlotsMillis(long millis) {
        this.reserveTimeoutMillis = millis;
        return this;
    }

    /** Ends the job as failed if it runs longer than {@code limit} once its ranks have started (no limit by default). */
    public ClusterJob timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /**
     * After a rank fails, how long the others get to stop before their JVMs are stopped; by
     * default the peer's {@code mpj.launcher.abort-grace}.
     */
    public ClusterJob abortGrace(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the abort grace cannot be negative, not " + grace);
        }
        this.abortGrace = grace;
        return this;
    }

    /**
     * What rank 0 reads from {@code System.in} (the other ranks read end-of-file, as with
     * {@code mpirun}); by default nothing. It is read only once rank 0 reads, at most a window of
     * 1 MiB ahead of it, and not closed here.
     */
    public ClusterJob input(InputStream standardInput) {
        this.input = Objects.requireNonNull(standardInput, "standardInput");
        return this;
    }

    /** Gets every line the ranks print, in order per peer. */
    public ClusterJob onOutput(Consumer<JobUpdate.Output> listener) {
        this.output = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Gets a sentence for each step: what was shipped or found cached, the job's id, where its ranks run. */
    public ClusterJob onProgress(Consumer<String> listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Checks, before anything is sent, that the class path and the files can travel.
     *
     * @throws IllegalArgumentException naming an entry that is not a file
     */
    public static void requireShippable(List<Path> classpath, List<Path> files) {
        for (Path entry : classpath) {
            if (!Files.isRegularFile(entry)) {
                throw new IllegalArgumentException("class path entry '" + entry
                    + "' is not a file: only files travel to the cluster; package the classes in a jar");
            }
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("'" + file + "' given to --files is not a file: only files travel "
                    + "to the cluster");
            }
        }
    }

    /**
     * Ships what the peer lacks, runs the job and waits for its end.
     *
     * @throws IllegalArgumentException             if there is no main class or class path, or a path is no file
     * @throws ClusterClient.ClusterException if the peer cannot be reached, refuses the token, or the
     *                                              connection is lost before the job ended
     */
    public Result run() throws ClusterClient.ClusterException, InterruptedException {
        if (mainClass == null || classpath.isEmpty()) {
            throw new IllegalArgumentException("a cluster job needs a class path and a main class");
        }
        requireShippable(classpath, files);
        JobSpec spec = new JobSpec(ranks, strategy, ship(classpath), mainClass, args, ship(files), jvmOptions,
            environment, workingDirectory, tagOutput, reserveTimeoutMillis, millis(timeout), millis(abortGrace));
        String[] jobId = {""};
        InputPump pump = new InputPump(client, token, input);
        JobUpdate.Finished finished;
        try {
            finished = client.submit(spec, token, update -> {
                if (update instanceof JobUpdate.Output line) {
                    output.accept(line);
                } else if (update instanceof JobUpdate.InputCredit credit) {
                    pump.grant(jobId[0], credit.bytes());
                } else if (update instanceof JobUpdate.Accepted accepted) {
                    jobId[0] = accepted.jobId();
                    progress.accept("job " + accepted.jobId() + " accepted");
                } else if (update instanceof JobUpdate.Placed placed) {
                    placed.shares().forEach(share -> progress.accept("ranks " + share.firstRank() + ".."
                        + (share.firstRank() + share.rankCount() - 1) + " on peer " + share.peer()));
                }
            });
        } finally {
            pump.stop();
        }
        List<String> report = new ArrayList<>(finished.report());
        pump.failure(finished.exitCode() == 0).ifPresent(report::add);
        return new Result(jobId[0], finished.exitCode(), report);
    }

    /** {@code duration} in milliseconds, at most {@link Long#MAX_VALUE}; null for none. */
    private static Long millis(Duration duration) {
        if (duration == null) {
            return null;
        }
        return duration.compareTo(Duration.ofMillis(Long.MAX_VALUE)) < 0 ? duration.toMillis() : Long.MAX_VALUE;
    }

    private List<ShippedFile> ship(List<Path> paths) throws ClusterClient.ClusterException, InterruptedException {
        List<ShippedFile> shipped = new ArrayList<>();
        for (Path path : paths) {
            BlobId id;
            try {
                id = BlobId.of(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read '" + path + "': " + e.getMessage());
            }
            boolean uploaded = client.ship(path, id, token);
            progress.accept(path + (uploaded ? " shipped to the peer" : " is cached on the peer already")
                + " (sha256 " + id + ")");
            shipped.add(new ShippedFile(path.getFileName().toString(), id.hex()));
        }
        return shipped;
    }
}
