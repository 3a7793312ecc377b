package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * Supervises a job whose worker JVMs run on peers of a cluster, by the rules of
 * {@code mpjrun --processes} (see {@link JobSupervisor}): each worker is reached through the peer
 * that hosts it, which relays the control frames between the worker and this supervisor (see
 * {@link HostedWorker}). The job's coordinator reports what the peers tell it through the methods
 * here, from any thread, and runs {@link #supervise()} on a thread of its own.
 */
public final class RemoteSupervision {

    /** The class path in the job description a worker's host replaces with where it keeps the shipped files. */
    static final String SHIPPED_CLASSPATH = "";

    /** How the supervisor reaches the peer that hosts one worker. */
    public interface Host {

        /** Relays a control frame to the worker. */
        void relay(byte[] frame);

        /** Asks the peer to stop the worker's JVM (SIGTERM). */
        void stop();

        /** Asks the peer to kill the worker's JVM (SIGKILL). */
        void kill();
    }

    /** The ranks {@code firstRank..firstRank+rankCount-1}, run by one worker on the peer {@code peer}. */
    public record Block(String peer, int firstRank, int rankCount) {

        /** "rank 3" or "ranks 2, 3", for messages. */
        public String ranks() {
            return WorkerProcess.describe(firstRank, rankCount);
        }
    }

    /**
     * The program every worker runs, and how: after a rank fails the others get {@code abortGrace}
     * to stop, after a cancellation no more than {@code cancelGrace}.
     */
    public record Program(String jobId, String mainClass, List<String> args, boolean tagOutput, Duration abortGrace,
                          Duration cancelGrace, Duration startTimeout, Duration timeout) {
    }

    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<Block> blocks;
    private final Program program;
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private BiConsumer<Integer, Ending> rankEnded = (rank, ending) -> { };

    /**
     * A supervision of {@code program} on the workers {@code blocks}, one per block, in rank
     * order; worker {@code i} is reached through {@code hosts.apply(i)}.
     */
    public RemoteSupervision(Program program, List<Block> blocks, IntFunction<Host> hosts) {
        this.program = program;
        this.blocks = List.copyOf(blocks);
        for (int i = 0; i < blocks.size(); i++) {
            WorkerProcess worker = new WorkerProcess(i, blocks.get(i).firstRank(), blocks.get(i).rankCount());
            worker.started(new RemoteJvm(hosts.apply(i), "on peer " + blocks.get(i).peer()));
            workers.add(worker);
        }
    }

    /** The peer hosting worker {@code worker} started its JVM as process {@code pid}. */
    public void started(int worker, long pid) {
        remoteJvm(worker).where = "pid " + pid + " on peer " + blocks.get(worker).peer();
    }

    /** Worker {@code worker} connected to its peer and proved it belongs to the job. */
    public void connected(int worker) {
        Host host = remoteJvm(worker).host;
        events.add(new JobEvent.Connected(worker, message -> host.relay(ControlDescriptor.toBytes(message))));
    }

    /**
     * Tells {@code listener} of each rank's end as its worker reports it, on the thread that calls
     * {@link #relayed}; call before the workers start.
     */
    public void onRankEnded(BiConsumer<Integer, Ending> listener) {
        this.rankEnded = listener;
    }

    /** Worker {@code worker} sent {@code frame}; a frame that does not decode fails the job. */
    public void relayed(int worker, byte[] frame) {
        try {
            ControlMessage message = ControlDescriptor.fromBytes(frame);
            events.add(new JobEvent.Received(worker, message));
            if (message instanceof ControlMessage.Outcome outcome && outcome.ending() >= 0
                && outcome.ending() < Ending.values().length) {
                rankEnded.accept(outcome.rank(), Ending.values()[outcome.ending()]);
            }
        } catch (IOException e) {
            cancel("the peer of worker " + worker + " relayed a broken control frame: " + e.getMessage(), 1);
        }
    }

    /** All of worker {@code worker}'s output has been relayed. */
    public void outputEnded(int worker) {
        remoteJvm(worker).outputEnded();
    }

    /** The JVM of worker {@code worker} ended with {@code exitStatus}, or its peer is gone. */
    public void exited(int worker, int exitStatus) {
        outputEnded(worker);
        events.add(new JobEvent.Exited(worker, exitStatus));
    }

    /** Worker {@code worker} is gone with its peer, for {@code reason}: the job fails, naming it. */
    public void lost(int worker, String reason) {
        outputEnded(worker);
        events.add(new JobEvent.Lost(worker, reason));
    }

    /**
     * Ends the job: every worker is told to stop, as after a rank's failure, but within the
     * cancel grace even if the job's abort grace is longer: whoever cancels wants the job gone.
     */
    public void cancel(String reason, int exitCode) {
        Duration grace = program.abortGrace().compareTo(program.cancelGrace()) < 0
            ? program.abortGrace() : program.cancelGrace();
        events.add(new JobEvent.Cancelled(reason, exitCode, grace));
    }

    /** Follows the job until every worker has ended; returns every rank's outcome. */
    public JobResult<Void> supervise() throws InterruptedException {
        return new JobSupervisor(workers, events, this::jobFor, program.startTimeout(), program.timeout(),
            program.abortGrace()).supervise();
    }

    private ControlMessage.Job jobFor(WorkerProcess worker) {
        Block block = blocks.get(worker.index());
        int worldSize = blocks.stream().mapToInt(Block::rankCount).sum();
        return new ControlMessage.Job(program.jobId(), worldSize, block.firstRank(), block.rankCount(), SHIPPED_CLASSPATH,
            program.mainClass(), program.args(), program.tagOutput(), block.peer(), program.abortGrace().toMillis());
    }

    private RemoteJvm remoteJvm(int worker) {
        return (RemoteJvm) workers.get(worker).jvm();
    }

    /** A worker JVM that a peer runs: ended through the peer, its output relayed by the peer. */
    private static final class RemoteJvm implements WorkerJvm {

        private final Host host;
        private volatile String where;
        private final CountDownLatch output = new CountDownLatch(1);

        RemoteJvm(Host host, String where) {
            this.host = host;
            this.where = where;
        }

        void outputEnded() {
            output.countDown();
        }

        @Override
        public void stop() {
            host.stop();
        }

        @Override
        public void kill() {
            host.kill();
        }

        @Override
        public String where() {
            return where;
        }

        @Override
        public void awaitOutput(long millis) throws InterruptedException {
            output.await(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean awaitExit(long millis) throws InterruptedException {
            return output.await(millis, TimeUnit.MILLISECONDS);
        }
    }
}
