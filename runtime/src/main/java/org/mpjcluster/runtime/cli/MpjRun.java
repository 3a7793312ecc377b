package org.mpjcluster.runtime.cli;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpjcluster.runtime.client.ClusterClient;
import org.mpjcluster.runtime.client.ClusterJob;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.http.PeerHttpSettings;
import org.mpjcluster.runtime.job.Placement;
import org.mpjcluster.runtime.local.Classpath;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.LocalJob;
import org.mpjcluster.runtime.local.OutcomeReport;
import org.mpjcluster.runtime.local.RankInputStream;
import org.mpjcluster.runtime.local.RankLineStream;
import org.mpjcluster.runtime.process.ProcessJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpjrun}: runs an MPJ program on N ranks. Without a cluster the ranks are threads of this
 * JVM, each with its own class loader, over the shared-memory device; with {@code --processes}
 * they run in worker JVMs of their own on this host. With {@code --cluster HOST:PORT} the job runs
 * on the peers of a cluster; with {@code --peers}, {@code --jobs} or {@code --cancel} it asks the
 * cluster instead.
 */
@Command(name = "mpjrun", mixinStandardHelpOptions = true, version = "mpjrun 0.1.0",
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Runs an MPJ (mpiJava 1.2) program on N ranks. The ranks run as threads of one JVM, each with its"
            + " own class loader (static fields are per rank), and exchange messages over the shared-memory"
            + " device. With --processes each rank (or each group of --ranks-per-jvm ranks) runs in a JVM of"
            + " its own, started and supervised by mpjrun; ranks in one JVM talk over shared memory, ranks in"
            + " different JVMs over tcp.",
        "",
        "With --cluster HOST:PORT the job runs on the cluster of the mpj-node peer whose HTTP API listens at"
            + " HOST:PORT: mpjrun ships the jars of the class path and the --files to it (only those it does not"
            + " hold already), the peers with free slots run the ranks, one worker JVM per peer, and what the"
            + " ranks print comes back here. Ctrl-C cancels the job everywhere. With --peers it prints the"
            + " cluster's peers (cores, free slots, memory, load, Java, OS, latency), with --jobs its running"
            + " jobs, with --cancel JOB it cancels one. The peer requires its API token: mpjrun reads it from"
            + " mpj.node.state-dir (~/.mpj/http-token) when run on the peer's host by its user; otherwise pass"
            + " --token or --token-file. --hostfile FILE names peers instead, of which the first that answers is used.",
        "",
        "Standard input goes to rank 0, as with mpirun, in every mode; the other ranks read end-of-file.",
        "",
        "Exit status: 0 if every rank returned normally; otherwise the Abort code of the rank that aborted"
            + " (its low 8 bits, or 1 if those are 0), 1 if a rank threw, 2 for a command-line error; with"
            + " --processes, the exit status of a rank's JVM that died (such as 137 when it was killed with"
            + " signal 9), also with --cluster, where 1 also means the job could not start (not enough free"
            + " slots, the peer unreachable or refusing the token) or that the peer submitted to went away"
            + " mid-job, and 130 that it was cancelled. With --peers,"
            + " --jobs and --cancel: 0 if done, 1 if the peer could not be reached, refused the token or knew no"
            + " such job, 2 for a command-line error.",
        ""},
    exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 1)
public final class MpjRun implements Callable<Integer> {

    @Option(names = {"-np", "-n", "--np"}, paramLabel = "N",
        description = "Number of ranks to start (at least 1). Required unless --peers.")
    private Integer ranks;

    @Option(names = {"-cp", "-classpath", "--class-path"}, paramLabel = "PATH",
        description = "Class path of the program: directories and jars separated by '${sys:path.separator}'; dir/* means every jar in dir.")
    private String classpath;

    @Option(names = {"-jar", "--jar"}, paramLabel = "JAR",
        description = "Run the program in JAR; its manifest's Main-Class is the main class.")
    private Path jar;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.Timeout.class,
        description = "End the job as failed if it runs longer than this (such as 90s or 10m). Default: no limit.")
    private Duration timeout;

    @Option(names = "--abort-grace", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "After a rank fails, how long the others get to stop before they are interrupted and abandoned. Default: mpj.launcher.abort-grace (3s; with --cluster, the peer's).")
    private Duration abortGrace;

    @Option(names = "--processes",
        description = "Run each rank in a JVM of its own (or --ranks-per-jvm ranks per JVM), over tcp between JVMs.")
    private boolean processes;

    @Option(names = "--ranks-per-jvm", paramLabel = "K",
        description = "Run K ranks in each JVM (implies --processes); ranks of one JVM talk over shared memory. Default: 1.")
    private Integer ranksPerJvm;

    @Option(names = "--jvm-opt", paramLabel = "OPT",
        description = "With --processes or --cluster: an option for every worker JVM, such as --jvm-opt=-Xmx2g. Repeatable.")
    private List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--tag-output",
        description = "Prefix every line a rank prints, on standard output and error, with [rank].")
    private boolean tagOutput;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
        description = "Run the job on the cluster of the mpj-node peer whose HTTP API listens at HOST:PORT "
            + "(mpj.node.http.host and port): the jars and --files are shipped to the peers, which run the ranks.")
    private String cluster;

    @Option(names = {"--hostfile", "-hostfile", "--machinefile", "-machinefile", "-machinesfile"}, paramLabel = "FILE",
        description = "Instead of --cluster: the first peer listed in FILE that answers, one peer per line as HOST or "
            + "HOST:PORT (the port of its HTTP API, default 8558); slots=N may follow and is ignored, '#' starts a "
            + "comment. The ranks still go wherever the cluster has free slots; --processes runs on this host only.")
    private Path hostfile;

    @Option(names = "--strategy", paramLabel = "spread|concentrate",
        description = "With --cluster: spread the ranks over as many peers as possible, or concentrate them on as few "
            + "as possible; both prefer the peers closest to the one submitted to. Default: spread.")
    private String strategy;

    @Option(names = "--files", paramLabel = "FILE", arity = "1..*",
        description = "With --cluster: files to put in the ranks' working directory on every peer.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE",
        description = "With --cluster: a variable for the ranks' environment. Repeatable.")
    private Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--wdir", paramLabel = "DIR",
        description = "With --cluster: the ranks' working directory on every peer. Default: a new directory per job.")
    private String workingDirectory;

    @Option(names = {"-v", "--verbose"},
        description = "With --cluster: say on standard error which files were shipped or found cached, the job's id "
            + "and where its ranks run.")
    private boolean verbose;

    @Option(names = "--wait-for-slots", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "With --cluster: how long to wait for enough free slots (such as 30s). Default: fail at once.")
    private Duration waitForSlots;

    @Option(names = "--jobs",
        description = "With --cluster: print the jobs running on the cluster, and run nothing.")
    private boolean jobs;

    @Option(names = "--cancel", paramLabel = "JOB",
        description = "With --cluster: cancel the running job JOB (as --jobs lists it), and run nothing.")
    private String cancel;

    @Option(names = "--peers",
        description = "With --cluster: print the peers of the cluster and their facts as a table, and run nothing.")
    private boolean peers;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "The peer's API token (other users see it in ps; --token-file does not show it). "
            + "Default: the one in mpj.node.state-dir (~/.mpj/http-token), which the peer writes on its first start.")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE",
        description = "Read the peer's API token from FILE, which only its owner may read.")
    private Path tokenFile;

    @Parameters(paramLabel = "MAIN [ARGS...]",
        description = "The main class (omit with -jar), then the program's arguments, passed unchanged.")
    private List<String> command = new ArrayList<>();

    private static final String HOSTFILE_WITH_PROCESSES = "--hostfile lists peers of a cluster to submit the job to; "
        + "it does not start ranks on other hosts: --processes and --ranks-per-jvm run every JVM on this host. To use "
        + "several hosts, run a peer on each (mpj-node join --seed HOST:PORT) and drop --processes: "
        + "mpjrun --hostfile FILE -np N ... then runs the ranks on the cluster's free slots";

    /** Set while ranks run as threads of this JVM; exiting then ends them, and the user is told why. */
    private static volatile boolean jobRunning;

    /** Runs {@code mpjrun} and exits with its status. */
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(MpjRun::explainExitWhileRanksRun, "mpjrun-exit-check"));
        System.exit(run(args));
    }

    private static void explainExitWhileRanksRun() {
        if (jobRunning) {
            System.err.println("mpjrun: " + ExitWhileRanksRun.explain());
        }
    }

    /** Runs {@code mpjrun} and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new MpjRun()).setStopAtPositional(true);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        try {
            if (peers || jobs || cancel != null) {
                return askCluster();
            }
            if (ranks == null) {
                throw new IllegalArgumentException("missing -np N, the number of ranks to start "
                    + "(or --cluster HOST:PORT --peers to list the peers of a cluster)");
            }
            if (hostfile != null && (processes || ranksPerJvm != null)) {
                throw new IllegalArgumentException(HOSTFILE_WITH_PROCESSES);
            }
            Program program = program();
            if (cluster != null || hostfile != null) {
                return runOnCluster(program);
            }
            if (strategy != null || !files.isEmpty() || !environment.isEmpty() || workingDirectory != null
                || waitForSlots != null || verbose) {
                throw new IllegalArgumentException("--strategy, --files, --env, --wdir, --wait-for-slots and --verbose "
                    + "apply with --cluster only");
            }
            JobResult<Void> result = processes || ranksPerJvm != null ? runProcesses(program) : runThreads(program);
            System.out.flush();
            int status = exitStatus(result.exitCode());
            OutcomeReport.print(result, status, System.err);
            return status;
        } catch (IllegalArgumentException e) {
            System.err.println("mpjrun: " + e.getMessage());
            System.err.println("Try 'mpjrun --help' for the options.");
            return 2;
        }
    }

    /** Runs {@code --peers}, {@code --jobs} or {@code --cancel}, which ask the cluster and run nothing. */
    private int askCluster() throws InterruptedException {
        if ((peers ? 1 : 0) + (jobs ? 1 : 0) + (cancel != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one of --peers, --jobs and --cancel");
        }
        String option = peers ? "--peers" : jobs ? "--jobs" : "--cancel";
        if (cluster == null && hostfile == null) {
            throw new IllegalArgumentException(option + " needs --cluster HOST:PORT, the HTTP address of an mpj-node "
                + "peer (or --hostfile FILE, a list of them)");
        }
        if (ranks != null || jar != null || classpath != null || !command.isEmpty()) {
            throw new IllegalArgumentException(option + " runs no program; drop -np, -cp, -jar and the main class");
        }
        PeerChoice peer = peerChoice();
        try {
            ClusterClient client = peer.client(apiToken(), this::sayIfVerbose);
            if (peers) {
                PeerTable.print(client.peers(apiToken()), System.out);
            } else if (jobs) {
                JobTable.print(client.jobs(apiToken()), System.out);
            } else {
                client.cancel(cancel, apiToken());
                System.out.println("mpjrun: job " + cancel + " cancelled");
            }
            return 0;
        } catch (ClusterClient.ClusterException e) {
            System.err.println("mpjrun: " + e.getMessage());
            return 1;
        }
    }

    /** The token of {@code --token}, of {@code --token-file}, or in the peer's state directory on this host. */
    private ApiToken apiToken() throws ClusterClient.ClusterException {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("give either --token or --token-file, not both");
        }
        if (token != null) {
            return ApiToken.of(token);
        }
        Path file = tokenFile != null ? tokenFile : PeerHttpSettings.from(ConfigFactory.load()).tokenFile();
        try {
            return ApiToken.read(file);
        } catch (NoSuchFileException e) {
            throw new ClusterClient.ClusterException("no API token in " + file + ": a peer writes it there on its "
                + "first start; on another host or as another user, pass --token or --token-file");
        } catch (IOException e) {
            throw new ClusterClient.ClusterException("cannot read the API token: " + e.getMessage());
        }
    }

    /** The program the command line names: its class path, main class and arguments. */
    private record Program(Classpath classpath, String mainClass, String[] args) {
    }

    private Program program() {
        if (jar != null) {
            if (classpath != null) {
                throw new IllegalArgumentException("give either -jar or -cp, not both");
            }
            return new Program(Classpath.ofJar(jar), Classpath.mainClassOf(jar), command.toArray(String[]::new));
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("missing the main class: give MAIN after the options, or use -jar JAR");
        }
        return new Program(Classpath.parse(classpath != null ? classpath : "."), command.get(0),
            command.subList(1, command.size()).toArray(String[]::new));
    }

    private int runOnCluster(Program program) throws InterruptedException {
        if (processes || ranksPerJvm != null) {
            throw new IllegalArgumentException("--processes and --ranks-per-jvm do not apply with --cluster, where every "
                + "peer runs its ranks in one worker JVM");
        }
        PeerChoice peer = peerChoice();
        requireRunnableOnCluster(program);
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            ApiToken token = apiToken();
            ClusterJob job = ClusterJob.of(peer.client(token, this::sayIfVerbose), token);
            if (timeout != null) {
                job.timeout(timeout);
            }
            if (abortGrace != null) {
                job.abortGrace(abortGrace);
            }
            ClusterJob.Result result = job
                .ranks(ranks).strategy(strategy == null ? "spread" : strategy)
                .classpath(program.classpath().entries()).mainClass(program.mainClass()).args(List.of(program.args()))
                .files(files).jvmOptions(jvmOptions).environment(environment)
                .workingDirectory(workingDirectory == null ? "" : workingDirectory).tagOutput(tagOutput)
                .waitForSlotsMillis(waitForSlots == null ? 0 : waitForSlots.toMillis())
                .input(System.in)
                .onOutput(line -> (line.error() ? err : out).println(line.line()))
                .onProgress(this::sayIfVerbose)
                .run();
            out.flush();
            result.report().forEach(err::println);
            return exitStatus(result.exitCode());
        } catch (ClusterClient.ClusterException e) {
            err.println("mpjrun: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Checks here what the peers would refuse, so that a wrong command line exits with 2 before
     * anything is sent: the number of ranks, the strategy, that the class path travels and that
     * the main class is in it.
     */
    private void requireRunnableOnCluster(Program program) {
        if (ranks < 1) {
            throw new IllegalArgumentException("the number of ranks must be at least 1, not " + ranks);
        }
        if (strategy != null) {
            Placement.Strategy.parse(strategy);
        }
        ClusterJob.requireShippable(program.classpath().entries(), files);
        program.classpath().requireMain(program.mainClass());
    }

    /** The peer of {@code --cluster}, or those of {@code --hostfile}, which may not both be given. */
    private PeerChoice peerChoice() {
        if (cluster != null && hostfile != null) {
            throw new IllegalArgumentException("give either --cluster or --hostfile, not both: each names the peer to "
                + "submit to");
        }
        return PeerChoice.of(cluster, hostfile);
    }

    /** Says {@code message} on standard error with {@code -v}. */
    private void sayIfVerbose(String message) {
        if (verbose) {
            System.err.println("mpjrun: " + message);
        }
    }

    private JobResult<Void> runThreads(Program program) throws InterruptedException {
        if (!jvmOptions.isEmpty()) {
            throw new IllegalArgumentException("--jvm-opt applies to --processes only; the ranks run in this JVM, "
                + "whose options MPJ_JAVA_OPTS sets");
        }
        LocalJob job = LocalJob.ranks(ranks);
        if (abortGrace != null) {
            job.abortGrace(abortGrace);
        }
        if (timeout != null) {
            job.timeout(timeout);
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        if (tagOutput) {
            System.setOut(RankLineStream.around(out, true));
            System.setErr(RankLineStream.around(err, true));
        }
        System.setIn(RankInputStream.around(in));
        try {
            jobRunning = true;
            return job.runMain(program.classpath(), program.mainClass(), program.args());
        } finally {
            System.setIn(in);
            jobRunning = false;
            if (tagOutput) {
                System.out.close();
                System.err.close();
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    private JobResult<Void> runProcesses(Program program) throws InterruptedException, IOException {
        ProcessJob job = ProcessJob.ranks(ranks).jvmOptions(jvmOptions).tagOutput(tagOutput);
        if (ranksPerJvm != null) {
            job.ranksPerJvm(ranksPerJvm);
        }
        if (abortGrace != null) {
            job.abortGrace(abortGrace);
        }
        if (timeout != null) {
            job.timeout(timeout);
        }
        return job.runMain(program.classpath(), program.mainClass(), program.args());
    }

    /**
     * The process exit status for a job's status. A process keeps only the low 8 bits of its
     * status, so without this an {@code Abort(256)} would end a failed job with status 0.
     */
    static int exitStatus(int jobStatus) {
        int lowBits = jobStatus & 0xFF;
        return jobStatus != 0 && lowBits == 0 ? 1 : lowBits;
    }
}
