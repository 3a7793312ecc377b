package org.mpjcluster.runtime.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.mpjcluster.engine.AbortSignal;
import org.mpjcluster.engine.Engine;
import org.mpjcluster.engine.EngineSettings;
import org.mpjcluster.engine.JobControl;
import org.mpjcluster.engine.JobFailure;
import org.mpjcluster.engine.JobWiring;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.RankBinding;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * Runs the ranks of a job that live in this JVM as threads: creates every engine first (its
 * devices open and publish their addresses), lets the caller finish wiring, starts one thread per
 * rank (with the stack a native program's main thread gets), and on the first failure ends the
 * job, gives the other ranks a grace period to stop, interrupts them, and reports each rank's
 * outcome.
 */
final class ThreadLauncher<T> {

    private static final long POLL_MILLIS = 20;
    /** The longest wait that fits in a {@code long} of nanoseconds: about 292 years. */
    private static final Duration LONGEST_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private final int firstRank;
    private final int count;
    private final Duration timeout;
    private final Duration abortGrace;
    private final EngineSettings settings;
    private final long stackBytes;
    private final boolean preInitialized;

    /**
     * Runs ranks {@code firstRank .. firstRank + count - 1} of a job of {@code worldSize} ranks.
     * Every JVM of a job that {@code mpjrun} starts runs on this host, so the engine's waiting is
     * tuned for all {@code worldSize} ranks sharing this machine's cores. Each rank's thread gets
     * {@code stackBytes} of stack (0: the JVM's default).
     */
    ThreadLauncher(int firstRank, int count, int worldSize, Duration timeout, Duration abortGrace,
                   EngineSettings settings, long stackBytes, boolean preInitialized) {
        this.firstRank = firstRank;
        this.count = count;
        this.timeout = timeout;
        this.abortGrace = abortGrace;
        this.settings = settings.forRanksOnCores(worldSize, Runtime.getRuntime().availableProcessors());
        this.stackBytes = stackBytes;
        this.preInitialized = preInitialized;
    }

    /**
     * Opens the engines of the hosted ranks, each wired as {@code wirings} says for its rank, calls
     * {@code onOpened}, runs {@code body} on every hosted rank and returns their outcomes;
     * {@code loaders} is indexed from the first hosted rank.
     */
    JobResult<T> run(IntFunction<JobWiring> wirings, JobControl control, ClassLoader[] loaders, RankBody<T> body,
                     Runnable onOpened) throws InterruptedException {
        AtomicReferenceArray<RankOutcome<T>> outcomes = new AtomicReferenceArray<>(count);
        MpiProcess[] processes = new MpiProcess[count];
        try {
            for (int i = 0; i < count; i++) {
                Engine engine = Engine.open(wirings.apply(firstRank + i), firstRank + i, control, settings, loaders[i]);
                processes[i] = new MpiProcess(engine, loaders[i]);
            }
        } catch (RuntimeException e) {
            for (MpiProcess process : processes) {
                if (process != null) {
                    process.engine().close();
                }
            }
            throw e;
        }
        onOpened.run();
        CountDownLatch finished = new CountDownLatch(count);
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            int rank = firstRank + i;
            threads[i] = new Thread(null, () -> {
                outcomes.set(index, runRank(rank, processes[index], loaders[index], body, control));
                finished.countDown();
            }, "mpj-rank-" + rank, stackBytes);
            threads[i].setDaemon(true);
        }
        for (Thread thread : threads) {
            thread.start();
        }
        awaitEnd(finished, control, threads);
        List<RankOutcome<T>> ends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.compareAndSet(i, null, new RankOutcome<>(firstRank + i, Ending.HUNG, null, null));
            ends.add(outcomes.get(i));
        }
        return new JobResult<>(ends, control.failure());
    }

    private void awaitEnd(CountDownLatch finished, JobControl control, Thread[] threads)
        throws InterruptedException {
        long start = System.nanoTime();
        long limitNanos = timeout == null ? Long.MAX_VALUE : saturatedNanos(timeout);
        while (!finished.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (control.failure() != null) {
                break;
            }
            if (System.nanoTime() - start > limitNanos) {
                control.abort(new JobFailure(-1, "the job did not finish within its timeout of "
                    + timeout.toMillis() + " ms", 1, null));
                break;
            }
        }
        if (finished.getCount() == 0) {
            return;
        }
        if (!finished.await(saturatedNanos(abortGrace), TimeUnit.NANOSECONDS)) {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            finished.await(POLL_MILLIS * 10, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code duration} in nanoseconds, or {@code Long.MAX_VALUE} where {@code Duration.toNanos} would overflow. */
    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(LONGEST_NANOS) < 0 ? duration.toNanos() : Long.MAX_VALUE;
    }

    private RankOutcome<T> runRank(int rank, MpiProcess process, ClassLoader loader, RankBody<T> body,
                                   JobControl control) {
        Thread.currentThread().setContextClassLoader(loader);
        RankBinding.bind(process);
        if (preInitialized) {
            process.initialize();
        }
        try {
            return new RankOutcome<>(rank, Ending.SUCCEEDED, body.run(rank), null);
        } catch (AbortSignal abort) {
            return new RankOutcome<>(rank, Ending.ABORTED, null, abort);
        } catch (Throwable failure) {
            boolean first = control.abort(new JobFailure(rank, "rank " + rank + " failed: " + failure,
                1, failure));
            return new RankOutcome<>(rank, first ? Ending.FAILED : Ending.STOPPED, null, failure);
        } finally {
            process.engine().close();
            RankBinding.unbind();
        }
    }
}
