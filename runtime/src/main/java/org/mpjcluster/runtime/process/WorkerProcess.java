package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mpjcluster.runtime.local.RankOutcome;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * A supervisor's view of one worker JVM: which ranks it runs, the JVM and the way to send it
 * control messages, and what it has reported. Used by the supervising thread only, except
 * {@link #stop} and {@link #kill}, which a shutdown hook may call as well.
 */
final class WorkerProcess {

    private final int index;
    private final int firstRank;
    private final int rankCount;
    private final Map<Integer, ControlMessage.Outcome> outcomes = new TreeMap<>();
    private volatile WorkerJvm jvm;
    private volatile boolean stoppedByLauncher;
    private ControlSink channel;
    private boolean published;
    private boolean exited;
    private boolean diedUnasked;

    WorkerProcess(int index, int firstRank, int rankCount) {
        this.index = index;
        this.firstRank = firstRank;
        this.rankCount = rankCount;
    }

    /**
     * Starts the JVM on this host with {@code command}, the job's secret in its environment, this
     * JVM's standard input if it runs rank 0 (as {@code mpirun} gives it), its output forwarded to
     * {@code out} and {@code err}, and its exit told to {@code server}.
     */
    void start(List<String> command, String secret, ControlServer server, PrintStream out, PrintStream err)
        throws IOException {
        WorkerInput input = firstRank == 0 ? WorkerInput.INHERITED : WorkerInput.NONE;
        started(LocalJvm.start(command, Map.of(WorkerMain.SECRET_ENV, secret), null, input, line -> print(out, line),
            line -> print(err, line), "mpjrun-worker-" + index, status -> server.exited(index, status)));
    }

    private static void print(PrintStream to, byte[] line) {
        to.write(line, 0, line.length);
        to.flush();
    }

    /** The JVM runs: started here, or by a peer. */
    void started(WorkerJvm started) {
        this.jvm = started;
    }

    /** The JVM, or null before it started. */
    WorkerJvm jvm() {
        return jvm;
    }

    int index() {
        return index;
    }

    int firstRank() {
        return firstRank;
    }

    int rankCount() {
        return rankCount;
    }

    void connected(ControlSink connection) {
        this.channel = connection;
    }

    /** Sends {@code message} if the worker is connected and still listening. */
    void send(ControlMessage message) {
        if (channel != null && !exited) {
            channel.sendIfOpen(message);
        }
    }
    void published() {
        published = true;
    }

    boolean hasPublished() {
        return published;
    }

    void outcome(ControlMessage.Outcome outcome) {
        outcomes.put(outcome.rank(), outcome);
    }

    /** Whether every rank of the worker has reported how it ended. */
    boolean reportedAll() {
        return outcomes.size() == rankCount;
    }

    /** The JVM has ended: on its own, unless the launcher had stopped or killed it by then. */
    void exited() {
        exited = true;
        diedUnasked = !stoppedByLauncher;
    }

    boolean hasExited() {
        return exited;
    }

    boolean stoppedByLauncher() {
        return stoppedByLauncher;
    }

    /**
     * Whether the JVM ended before the launcher stopped it (killed, crashed, a rank called
     * {@code System.exit}), even if the launcher stopped every worker afterwards.
     */
    boolean diedUnasked() {
        return diedUnasked;
    }

    /** Where the JVM runs, for messages. */
    String where() {
        WorkerJvm running = jvm;
        return running == null ? "not started" : running.where();
    }

    /** "rank 3" or "ranks 2, 3": the ranks of this worker, for messages. */
    String ranks() {
        return describe(firstRank, rankCount);
    }

    /** "rank 3" or "ranks 2, 3": ranks {@code firstRank..firstRank+rankCount-1}, for messages. */
    static String describe(int firstRank, int rankCount) {
        String list = IntStream.range(firstRank, firstRank + rankCount).mapToObj(Integer::toString)
            .collect(Collectors.joining(", "));
        return (rankCount == 1 ? "rank " : "ranks ") + list;
    }

    /** Asks the JVM to end (SIGTERM), marking that the launcher ended it. */
    void stop() {
        stoppedByLauncher = true;
        WorkerJvm running = jvm;
        if (running != null) {
            running.stop();
        }
    }

    /** Ends the JVM at once (SIGKILL). */
    void kill() {
        stoppedByLauncher = true;
        WorkerJvm running = jvm;
        if (running != null) {
            running.kill();
        }
    }

    /** Waits up to {@code millis} for the JVM to end; returns whether it has. */
    boolean awaitExit(long millis) throws InterruptedException {
        WorkerJvm running = jvm;
        return running == null || running.awaitExit(millis);
    }

    /** Waits up to {@code millis} for the last of the worker's output to be forwarded. */
    void awaitOutput(long millis) throws InterruptedException {
        WorkerJvm running = jvm;
        if (running != null) {
            running.awaitOutput(millis);
        }
    }

    /**
     * The outcome of every rank of the worker; a rank that reported none ended with {@code missing}.
     */
    List<RankOutcome<Void>> rankOutcomes(Ending missing) {
        List<RankOutcome<Void>> all = new ArrayList<>();
        for (int rank = firstRank; rank < firstRank + rankCount; rank++) {
            ControlMessage.Outcome reported = outcomes.get(rank);
            if (reported == null) {
                all.add(new RankOutcome<>(rank, missing, null, null));
            } else {
                all.add(new RankOutcome<>(rank, Ending.values()[reported.ending()], null,
                    reported.failure().isEmpty() ? null : new RemoteFailure(reported.failure())));
            }
        }
        return all;
    }
}
