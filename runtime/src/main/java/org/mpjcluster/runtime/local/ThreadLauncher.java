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
 * Runs the ranks of a job as threads of this JVM, each wired as its {@link JobWiring} says: creates
 * every engine first, starts one thread per rank, and on the first failure ends the job, gives the
 * other ranks a grace period to stop, interrupts them, and reports each rank's outcome.
 */
final class ThreadLauncher<T> {

    private static final long POLL_MILLIS = 20;
    /** The longest wait that fits in a {@code long} of nanoseconds: about 292 years. */
    private static final Duration LONGEST_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private final int size;
    private final IntFunction<JobWiring> wirings;
    private final Duration timeout;
    private final Duration abortGrace;
    private final EngineSettings settings;
    private final boolean preInitialized;

    ThreadLauncher(int size, IntFunction<JobWiring> wirings, Duration timeout, Duration abortGrace,
                   EngineSettings settings, boolean preInitialized) {
        this.size = size;
        this.wirings = wirings;
        this.timeout = timeout;
        this.abortGrace = abortGrace;
        this.settings = settings.forRanksOnCores(size, Runtime.getRuntime().availableProcessors());
        this.preInitialized = preInitialized;
    }

    JobResult<T> run(ClassLoader[] loaders, RankBody<T> body) throws InterruptedException {
        JobControl control = new JobControl();
        AtomicReferenceArray<RankOutcome<T>> outcomes = new AtomicReferenceArray<>(size);
        MpiProcess[] processes = new MpiProcess[size];
        try {
            for (int rank = 0; rank < size; rank++) {
                Engine engine = Engine.open(wirings.apply(rank), rank, control, settings, loaders[rank]);
                processes[rank] = new MpiProcess(engine, loaders[rank]);
            }
        } catch (RuntimeException e) {
            for (MpiProcess process : processes) {
                if (process != null) {
                    process.engine().close();
                }
            }
            throw e;
        }
        CountDownLatch finished = new CountDownLatch(size);
        Thread[] threads = new Thread[size];
        for (int rank = 0; rank < size; rank++) {
            int r = rank;
            threads[rank] = new Thread(() -> {
                outcomes.set(r, runRank(r, processes[r], loaders[r], body, control));
                finished.countDown();
            }, "mpj-rank-" + rank);
            threads[rank].setDaemon(true);
        }
        for (Thread thread : threads) {
            thread.start();
        }
        awaitEnd(finished, control, threads);
        List<RankOutcome<T>> ends = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            outcomes.compareAndSet(rank, null, new RankOutcome<>(rank, Ending.HUNG, null, null));
            ends.add(outcomes.get(rank));
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
