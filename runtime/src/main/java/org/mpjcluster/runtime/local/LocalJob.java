package org.mpjcluster.runtime.local;

import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.SharedDirectory;
import org.mpjcluster.engine.EngineSettings;
import org.mpjcluster.engine.JobControl;
import org.mpjcluster.engine.JobWiring;
import org.mpjcluster.runtime.config.MpjConfig;

/**
 * Runs the ranks of a job as threads of this JVM: the embedding API, and what {@code mpjrun} uses
 * on one machine.
 *
 * <pre>{@code
 * JobResult<Integer> result = LocalJob.ranks(4).run(() -> MPI.COMM_WORLD.Rank() * 10);
 * result.values();   // [0, 10, 20, 30]
 * }</pre>
 *
 * <p>The first rank that throws (or calls {@code Abort}) ends the job: every MPI call waiting in
 * another rank throws {@code MPIException}, ranks still running after the grace period are
 * interrupted, and the result names the failing rank.
 */
public final class LocalJob {

    private static final Runnable NOTHING = () -> { };

    private final int size;
    private final int firstRank;
    private final int rankCount;
    /** The wiring of a part of a job; {@code null} for a whole job, which gets a fresh in-JVM wiring per run. */
    private final JobWiring partWiring;
    private final JobControl partControl;
    private Duration timeout;
    private Duration abortGrace;
    private EngineSettings settings;
    private final long rankStackBytes;
    private Runnable onOpened = NOTHING;
    private final Config deviceSettings;
    private Transport transport = Transport.SHARED_MEMORY;
    private int ranksPerJvm;

    private LocalJob(int size, int firstRank, int rankCount, JobWiring partWiring, JobControl partControl,
                     MpjConfig config) {
        this.size = size;
        this.firstRank = firstRank;
        this.rankCount = rankCount;
        this.partWiring = partWiring;
        this.partControl = partControl;
        this.abortGrace = config.abortGrace();
        this.settings = config.engine();
        this.rankStackBytes = config.rankStackBytes();
        this.deviceSettings = config.deviceSettings();
        this.ranksPerJvm = size;
    }

    /**
     * A job of {@code size} ranks, with the settings of the {@code mpj} configuration.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static LocalJob ranks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of ranks must be at least 1, not " + size);
        }
        return new LocalJob(size, 0, size, null, null, MpjConfig.load());
    }

    /**
     * Ranks {@code firstRank .. firstRank + rankCount - 1} of a job whose other ranks run in other
     * JVMs: the part of a job that one worker JVM runs. The ranks reach each other and their peers
     * through the devices {@code wiring} allows; {@code control} is this JVM's share of the job's
     * fate, through which the caller hears of the hosted ranks' failures and ends them when the
     * job fails elsewhere.
     *
     * @throws IllegalArgumentException if the ranks are not ranks of the job
     */
    public static LocalJob part(JobWiring wiring, JobControl control, int firstRank, int rankCount) {
        if (rankCount < 1 || firstRank < 0 || firstRank + rankCount > wiring.endpointCount()) {
            throw new IllegalArgumentException("ranks " + firstRank + ".." + (firstRank + rankCount - 1)
                + " are not ranks of a job of " + wiring.endpointCount());
        }
        return new LocalJob(wiring.endpointCount(), firstRank, rankCount, Objects.requireNonNull(wiring, "wiring"),
            Objects.requireNonNull(control, "control"), MpjConfig.load());
    }

    /** Ends the job as failed if it runs longer than {@code limit} (no limit by default). */
    public LocalJob timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** How long ranks get to stop after the job fails before they are interrupted. */
    public LocalJob abortGrace(Duration grace) {
        this.abortGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    /** Overrides the engine settings (eager limit, waiting). */
    public LocalJob settings(EngineSettings engineSettings) {
        this.settings = Objects.requireNonNull(engineSettings, "engineSettings");
        return this;
    }

    /**
     * Calls {@code action} once the hosted ranks' devices are open (and have published their
     * addresses) and before any rank starts: a JVM running part of a job exchanges addresses here.
     */
    public LocalJob onOpened(Runnable action) {
        this.onOpened = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Chooses how the ranks talk ({@link Transport#SHARED_MEMORY} by default). {@link Transport#HYBRID}
     * groups the ranks in blocks of {@link #ranksPerJvm(int)}, two unless set.
     */
    public LocalJob transport(Transport chosen) {
        this.transport = Objects.requireNonNull(chosen, "transport");
        if (chosen == Transport.HYBRID && ranksPerJvm == size) {
            ranksPerJvm = Math.min(2, size);
        }
        return this;
    }

    /**
     * Runs the ranks as if every {@code count} consecutive ranks shared a JVM: shared memory within
     * such a block, TCP between blocks (the {@link Transport#HYBRID} transport).
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public LocalJob ranksPerJvm(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("ranks per JVM must be at least 1, not " + count);
        }
        this.ranksPerJvm = count;
        this.transport = Transport.HYBRID;
        return this;
    }

    /** Number of ranks of the job (all of them, also for a part). */
    public int size() {
        return size;
    }

    /**
     * Runs {@code task} on every rank, sharing this application's classes, and waits for the end.
     *
     * @throws IllegalArgumentException if this JVM cannot hold the ranks as threads (heap, thread
     *                                  or address-space limits), saying which limit and what to do
     */
    public <T> JobResult<T> run(RankTask<T> task) throws InterruptedException {
        requireCapacity();
        ClassLoader[] loaders = new ClassLoader[rankCount];
        Arrays.fill(loaders, contextLoader());
        return launch(loaders, rank -> task.run(), true);
    }

    /**
     * Runs {@code mainClass}'s {@code main(args)} on every rank, each rank with its own class
     * loader over {@code classpath} (so static fields are per rank), and waits for the end.
     *
     * @throws IllegalArgumentException if the main class or its main method cannot be found, or if
     *                                  this JVM cannot hold the ranks as threads
     */
    public JobResult<Void> runMain(Classpath classpath, String mainClass, String... args)
        throws InterruptedException {
        requireCapacity();
        URLClassLoader[] loaders = new URLClassLoader[rankCount];
        Method[] mains = new Method[rankCount];
        try {
            for (int i = 0; i < rankCount; i++) {
                loaders[i] = new RankClassLoader(firstRank + i, classpath.urls(), LocalJob.class.getClassLoader());
                mains[i] = MainInvoker.find(loaders[i], mainClass, classpath);
            }
            return launch(loaders, rank -> {
                MainInvoker.run(mains[rank - firstRank], args);
                return null;
            }, false);
        } finally {
            closeAll(loaders);
        }
    }

    /** Refuses, before anything is set up, more ranks than this JVM can hold as threads. */
    private void requireCapacity() {
        RankCapacity.require(rankCount, size, rankStackBytes, ProcessLimits.current());
    }

    private <T> JobResult<T> launch(ClassLoader[] loaders, RankBody<T> body, boolean preInitialized)
        throws InterruptedException {
        IntFunction<JobWiring> wirings = partWiring != null ? rank -> partWiring : wirings();
        JobControl control = partControl != null ? partControl : new JobControl();
        return new ThreadLauncher<T>(firstRank, rankCount, size, timeout, abortGrace, settings, rankStackBytes,
            preInitialized).run(wirings, control, loaders, body, onOpened);
    }

    /**
     * How each rank of one run finds the others: a fresh job id, secret and directory, and, for
     * the hybrid transport, the rank's block as the ranks it shares a JVM with.
     */
    private IntFunction<JobWiring> wirings() {
        JobWiring job = new JobWiring("local-" + UUID.randomUUID(), DeviceContext.newSecret(), size,
            endpoint -> true, new SharedDirectory(), deviceSettings, transport.devices()::contains);
        if (transport != Transport.HYBRID) {
            return rank -> job;
        }
        return rank -> new JobWiring(job.jobId(), job.secret(), size, new SameBlock(rank, ranksPerJvm),
            job.directory(), deviceSettings, job.allowedDevices());
    }

    private static void closeAll(URLClassLoader[] loaders) {
        for (URLClassLoader loader : loaders) {
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    // Nothing is left to load; a loader that fails to close leaks only a file handle.
                }
            }
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : LocalJob.class.getClassLoader();
    }
}
