package org.mpjcluster.runtime.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mpjcluster.engine.JobFailure;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * Follows the worker JVMs of one job from start to end on a single thread, one {@link JobEvent}
 * at a time: hands each worker its part of the job, gathers the addresses its devices published
 * and, once every worker has published, sends every worker the whole table (the ranks start
 * then). The first failure (a rank failing or aborting, a JVM dying, the timeout) is sent to every
 * worker, whose ranks then end; JVMs still running a grace period later are stopped, then killed.
 *
 * <p>A JVM that dies is the failure reported even if another rank's failure was heard first:
 * JVMs do not die because another rank failed (the launcher stops them only after the grace
 * period), while ranks do fail because a peer's JVM died (their sends and receives to it fail).
 */
final class JobSupervisor {

    /** After the abort grace, how long a worker gets to report and exit before it is stopped, then killed. */
    private static final long EXIT_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long OUTPUT_DRAIN_MILLIS = 2000;
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private enum Phase { STARTING, RUNNING, ENDING, STOPPING, KILLING }

    private final List<WorkerProcess> workers;
    private final BlockingQueue<JobEvent> events;
    private final Function<WorkerProcess, ControlMessage.Job> jobFor;
    private final Duration startTimeout;
    private final Duration timeout;
    private final Duration abortGrace;
    private final Map<String, ControlMessage.Address> table = new HashMap<>();
    private Phase phase = Phase.STARTING;
    private boolean started;
    private long deadlineNanos;
    private JobFailure failure;
    private boolean failureIsDeath;

    JobSupervisor(List<WorkerProcess> workers, BlockingQueue<JobEvent> events,
                  Function<WorkerProcess, ControlMessage.Job> jobFor, Duration startTimeout, Duration timeout,
                  Duration abortGrace) {
        this.workers = workers;
        this.events = events;
        this.jobFor = jobFor;
        this.startTimeout = startTimeout;
        this.timeout = timeout;
        this.abortGrace = abortGrace;
    }

    /** Follows the job until every worker JVM has ended; returns every rank's outcome. */
    JobResult<Void> supervise() throws InterruptedException {
        deadlineNanos = System.nanoTime() + startTimeout.toNanos();
        while (!workers.stream().allMatch(WorkerProcess::hasExited)) {
            long waitNanos = deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
            JobEvent event = events.poll(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            if (event == null) {
                deadlinePassed();
            } else if (event instanceof JobEvent.Cancelled cancelled) {
                cancelled(cancelled);
            } else {
                handle(event, workers.get(event.worker()));
            }
        }
        for (WorkerProcess worker : workers) {
            worker.awaitOutput(OUTPUT_DRAIN_MILLIS);
        }
        List<RankOutcome<Void>> outcomes = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            outcomes.addAll(worker.rankOutcomes(missingEnding(worker)));
        }
        return new JobResult<>(outcomes, failure);
    }

    private void handle(JobEvent event, WorkerProcess worker) {
        if (event instanceof JobEvent.Connected connected) {
            worker.connected(connected.channel());
            worker.send(jobFor.apply(worker));
        } else if (event instanceof JobEvent.Received received) {
            received(worker, received.message());
        } else if (event instanceof JobEvent.Exited exited) {
            exited(worker, exited.exitStatus());
        } else if (event instanceof JobEvent.Lost lost) {
            lost(worker, lost.reason());
        }
    }

    private void received(WorkerProcess worker, ControlMessage message) {
        if (message instanceof ControlMessage.Published published) {
            published(worker, published);
        } else if (message instanceof ControlMessage.Failure f) {
            fail(new JobFailure(f.rank(), f.message(), f.exitCode(), null), false);
        } else if (message instanceof ControlMessage.Outcome outcome) {
            worker.outcome(outcome);
        } else if (message instanceof ControlMessage.InputWanted) {
            // Nothing to do: a local rank 0 reads mpjrun's inherited input, and the peer hosting a remote one feeds it.
        } else {
            fail(new JobFailure(worker.firstRank(), "the JVM of " + worker.ranks()
                + " sent an unexpected control message " + message, 1, null), false);
        }
    }

    private void published(WorkerProcess worker, ControlMessage.Published published) {
        for (ControlMessage.Address address : published.addresses()) {
            ControlMessage.Address previous = table.putIfAbsent(address.device() + "/" + address.endpoint(), address);
            if (previous != null && !previous.equals(address)) {
                fail(new JobFailure(address.endpoint(), "endpoint " + address.endpoint() + " published two addresses for "
                    + address.device() + ": " + previous.address() + " and " + address.address(), 1, null), false);
                return;
            }
        }
        worker.published();
        if (phase == Phase.STARTING && workers.stream().allMatch(WorkerProcess::hasPublished)) {
            ControlMessage.Table whole = new ControlMessage.Table(List.copyOf(table.values()));
            workers.forEach(w -> w.send(whole));
            started = true;
            phase = Phase.RUNNING;
            deadlineNanos = timeout == null ? NO_DEADLINE : System.nanoTime() + saturatedNanos(timeout);
        }
    }

    private void exited(WorkerProcess worker, int exitStatus) {
        worker.exited();
        if (worker.reportedAll() || worker.stoppedByLauncher()) {
            return;
        }
        String how = "its JVM (" + worker.where() + ") ended with exit status " + exitStatus
            + (exitStatus > 128 ? " (killed by signal " + (exitStatus - 128) + ")" : "");
        if (started) {
            fail(new JobFailure(worker.firstRank(), worker.ranks() + " (" + worker.where() + ") died: " + how,
                exitStatus == 0 ? 1 : exitStatus, null), true);
        } else {
            fail(new JobFailure(worker.firstRank(), worker.ranks() + " could not start: " + how, 1, null), false);
        }
    }

    private void lost(WorkerProcess worker, String reason) {
        worker.exited();
        if (worker.reportedAll()) {
            return;
        }
        fail(new JobFailure(worker.firstRank(), worker.ranks() + " (" + worker.where() + ") lost: " + reason, 1, null),
            started);
    }

    /** Ends the job as failed, giving the ranks no longer than the cancellation allows to stop. */
    private void cancelled(JobEvent.Cancelled cancelled) {
        fail(new JobFailure(-1, cancelled.reason(), cancelled.exitCode(), null), false);
        if (phase == Phase.ENDING) {
            deadlineNanos = Math.min(deadlineNanos,
                System.nanoTime() + saturatedNanos(cancelled.grace()) + EXIT_MARGIN_NANOS);
        }
    }

    /** Records {@code cause} if it is the first failure, or a death after a rank failure, and ends the job. */
    private void fail(JobFailure cause, boolean death) {
        if (failure == null || (death && !failureIsDeath)) {
            failure = cause;
            failureIsDeath = death;
        }
        if (phase == Phase.STARTING) {
            // No rank has run yet, so there is nothing to wait for.
            stopAll();
        } else if (phase == Phase.RUNNING) {
            ControlMessage.Failure abort = new ControlMessage.Failure(cause.rank(), cause.exitCode(), cause.message());
            workers.forEach(w -> w.send(abort));
            phase = Phase.ENDING;
            deadlineNanos = System.nanoTime() + saturatedNanos(abortGrace) + EXIT_MARGIN_NANOS;
        }
    }

    private void deadlinePassed() {
        switch (phase) {
            case STARTING -> fail(new JobFailure(-1, "the worker JVMs did not all start within "
                + startTimeout.toMillis() + " ms (mpj.launcher.start-timeout)", 1, null), false);
            case RUNNING -> fail(new JobFailure(-1, "the job did not finish within its timeout of "
                + timeout.toMillis() + " ms", 1, null), false);
            case ENDING -> stopAll();
            case STOPPING, KILLING -> {
                workers.forEach(WorkerProcess::kill);
                phase = Phase.KILLING;
                deadlineNanos = NO_DEADLINE;
            }
        }
    }

    private void stopAll() {
        workers.forEach(WorkerProcess::stop);
        phase = Phase.STOPPING;
        deadlineNanos = System.nanoTime() + EXIT_MARGIN_NANOS;
    }

    private Ending missingEnding(WorkerProcess worker) {
        if (!started) {
            return Ending.STOPPED;
        }
        return worker.diedUnasked() ? Ending.DIED : Ending.HUNG;
    }

    /** {@code duration} in nanoseconds, capped at about 146 years so that adding it to a clock reading cannot overflow. */
    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) < 0 ? duration.toNanos() : Long.MAX_VALUE / 2;
    }
}
