package org.mpjcluster.runtime.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpjcluster.runtime.local.Classpath;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.LocalJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpjrun}: runs an MPJ program on N ranks. Without a cluster the ranks are threads of this
 * JVM, each with its own class loader, over the shared-memory device.
 */
@Command(name = "mpjrun", mixinStandardHelpOptions = true, version = "mpjrun 0.1.0",
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Runs an MPJ (mpiJava 1.2) program on N ranks.",
        "The ranks run as threads of one JVM, each with its own class loader (static fields are per rank),",
        "and exchange messages over the shared-memory device.",
        "Exit status: 0 if every rank returned normally; otherwise the Abort code of the rank that aborted",
        "(its low 8 bits, or 1 if those are 0), 1 if a rank threw, 2 for a command-line error."},
    exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 1)
public final class MpjRun implements Callable<Integer> {

    @Option(names = {"-np", "-n", "--np"}, required = true, paramLabel = "N",
        description = "Number of ranks to start (at least 1).")
    private int ranks;

    @Option(names = {"-cp", "-classpath", "--class-path"}, paramLabel = "PATH",
        description = "Class path of the program: directories and jars separated by '${sys:path.separator}'; dir/* means every jar in dir.")
    private String classpath;

    @Option(names = {"-jar", "--jar"}, paramLabel = "JAR",
        description = "Run the program in JAR; its manifest's Main-Class is the main class.")
    private Path jar;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "End the job as failed if it runs longer than this (such as 90s or 10m). Default: no limit.")
    private Duration timeout;

    @Option(names = "--abort-grace", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "After a rank fails, how long the others get to stop before they are interrupted and abandoned. Default: mpj.launcher.abort-grace (3s).")
    private Duration abortGrace;

    @Parameters(paramLabel = "MAIN [ARGS...]",
        description = "The main class (omit with -jar), then the program's arguments, passed unchanged.")
    private List<String> command = new ArrayList<>();

    /** Set while ranks run; a JVM exit then means a rank called {@code System.exit}. */
    private static volatile boolean jobRunning;

    /** Runs {@code mpjrun} and exits with its status. */
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(MpjRun::warnIfRanksStillRun, "mpjrun-exit-check"));
        System.exit(run(args));
    }

    private static void warnIfRanksStillRun() {
        if (jobRunning) {
            System.err.println("mpjrun: the JVM is exiting while ranks still run: a rank called System.exit, which "
                + "ends every rank because they share this JVM; end a rank by returning from main, or end the job "
                + "with MPI.COMM_WORLD.Abort(code)");
        }
    }

    /** Runs {@code mpjrun} and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new MpjRun()).setStopAtPositional(true);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalJob job;
        Classpath path;
        String mainClass;
        List<String> programArgs;
        try {
            job = LocalJob.ranks(ranks);
            if (abortGrace != null) {
                job.abortGrace(abortGrace);
            }
            if (timeout != null) {
                job.timeout(timeout);
            }
            if (jar != null) {
                if (classpath != null) {
                    throw new IllegalArgumentException("give either -jar or -cp, not both");
                }
                path = Classpath.ofJar(jar);
                mainClass = Classpath.mainClassOf(jar);
                programArgs = command;
            } else {
                if (command.isEmpty()) {
                    throw new IllegalArgumentException("missing the main class: give MAIN after the options, or use -jar JAR");
                }
                path = Classpath.parse(classpath != null ? classpath : ".");
                mainClass = command.get(0);
                programArgs = command.subList(1, command.size());
            }
            jobRunning = true;
            JobResult<Void> result = job.runMain(path, mainClass, programArgs.toArray(String[]::new));
            jobRunning = false;
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

    /**
     * The process exit status for a job's status. A process keeps only the low 8 bits of its
     * status, so without this an {@code Abort(256)} would end a failed job with status 0.
     */
    static int exitStatus(int jobStatus) {
        int lowBits = jobStatus & 0xFF;
        return jobStatus != 0 && lowBits == 0 ? 1 : lowBits;
    }
}
