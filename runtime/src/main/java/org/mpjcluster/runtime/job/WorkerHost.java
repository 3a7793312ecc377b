package org.mpjcluster.runtime.job;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.mpjcluster.runtime.blob.BlobCache;
import org.mpjcluster.runtime.blob.BlobFetcher;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.node.CborSerializable;
import org.mpjcluster.runtime.process.HostedWorker;
import org.mpjcluster.runtime.process.RemoteSupervision;

/**
 * One worker JVM of a job on this peer: fetches the job's shipped files into the peer's cache,
 * makes the job's working directory, starts the JVM and relays between it and the job's
 * coordinator. It ends the JVM if the coordinator goes away, and when it stops for any reason
 * (the peer leaving included); it stops itself once the JVM has ended and its output is relayed.
 */
final class WorkerHost extends AbstractBehavior<WorkerHost.Command> {

    /** The exit status reported for a worker stopped before its JVM started. */
    static final int NEVER_STARTED = 143;

    /** What the peer gives every worker host. */
    record Settings(String bindAddress, Path jobsDir, Path archives, BlobCache cache, BlobFetcher fetcher) {
    }

    /** What a worker host handles. */
    interface Command extends CborSerializable {
    }

    /** A control frame from the coordinator, for the worker. */
    record Relay(byte[] frame) implements Command {
    }

    /** End the worker's JVM: SIGKILL if {@code kill}, else SIGTERM. */
    record Stop(boolean kill) implements Command {
    }

    /** The next chunk of the job's standard input, for rank 0; an empty one ends it. */
    record Input(byte[] chunk) implements Command {
    }

    private record Fetched(List<Path> classpath, List<Path> files) implements Command {
    }

    private record FetchFailed(String reason) implements Command {
    }

    private enum OutputEnded implements Command { INSTANCE }

    private record Exited(int exitStatus) implements Command {
    }

    private final WorkerHosts.Host job;
    private final Settings settings;
    private HostedWorker worker;
    private boolean outputEnded;
    private Integer exitStatus;
    private boolean stopRequested;
    private final List<BlobCache.Pin> pins = new ArrayList<>();
    /** The working directory this host made for the job, or null if the user named one. */
    private Path freshDirectory;

    private WorkerHost(ActorContext<Command> context, WorkerHosts.Host job, Settings settings) {
        super(context);
        this.job = job;
        this.settings = settings;
        context.watch(job.coordinator());
        context.pipeToSelf(fetchAll(), (paths, failure) -> failure != null
            ? new FetchFailed(failure.getMessage()) : paths);
    }

    static Behavior<Command> create(WorkerHosts.Host job, Settings settings) {
        return Behaviors.setup(context -> new WorkerHost(context, job, settings));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Fetched.class, this::onFetched)
            .onMessage(FetchFailed.class, this::onFetchFailed)
            .onMessage(Relay.class, this::onRelay)
            .onMessage(Stop.class, this::onStop)
            .onMessage(Input.class, this::onInput)
            .onMessage(Exited.class, this::onExited)
            .onMessage(OutputEnded.class, ended -> {
                outputEnded = true;
                return endedIfDone();
            })
            .onSignal(Terminated.class, this::onCoordinatorGone)
            .onSignal(PostStop.class, stopped -> {
                if (worker != null && exitStatus == null) {
                    worker.kill();
                    job.coordinator().tell(new JobCoordinator.WorkerFailed(job.worker(), "peer " + job.peer()
                        + " stopped the JVM of " + ranks() + ": the peer is leaving the cluster"));
                }
                pins.forEach(BlobCache.Pin::close);
                removeFreshDirectory();
                return this;
            })
            .build();
    }

    private CompletionStage<Fetched> fetchAll() {
        List<CompletableFuture<Path>> classpath = fetch(job.spec().classpath());
        List<CompletableFuture<Path>> files = fetch(job.spec().files());
        List<CompletableFuture<Path>> all = new ArrayList<>(classpath);
        all.addAll(files);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
            .thenApply(done -> new Fetched(classpath.stream().map(CompletableFuture::join).toList(),
                files.stream().map(CompletableFuture::join).toList()));
    }

    private List<CompletableFuture<Path>> fetch(List<ShippedFile> shipped) {
        return shipped.stream().map(file -> settings.fetcher().fetch(getContext().getSystem(), job.files(),
            BlobId.parse(file.sha256()), settings.cache()).toCompletableFuture()).toList();
    }

    private Behavior<Command> onFetched(Fetched fetched) {
        if (stopRequested) {
            return reportNeverStarted();
        }
        for (ShippedFile file : job.spec().shipped()) {
            // Held while the worker runs, so that the cache never evicts a file the job uses.
            settings.cache().pin(BlobId.parse(file.sha256())).ifPresent(pins::add);
        }
        try {
            Path directory = workingDirectory(fetched.files());
            String classpath = fetched.classpath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
            List<String> options = new ArrayList<>(job.spec().jvmOptions());
            options.add("-Dmpj.device.tcp.bind-address=" + settings.bindAddress());
            worker = HostedWorker.start(new HostedWorker.Launch(job.secret(), classpath, options,
                job.spec().environment(), directory, settings.archives(), job.firstRank() == 0), new Relayer(),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return failed("cannot start the JVM of " + ranks() + " on peer " + job.peer() + ": " + e.getMessage());
        }
        job.coordinator().tell(new JobCoordinator.WorkerStarted(job.worker(), worker.pid()));
        return this;
    }

    /**
     * The job's working directory with its files: the user's, or a fresh one under the peer's jobs
     * directory, which goes when the worker does.
     */
    private Path workingDirectory(List<Path> files) throws IOException {
        Path directory;
        if (job.spec().workingDirectory().isEmpty()) {
            directory = settings.jobsDir().resolve(job.jobId() + "-" + job.worker());
            freshDirectory = directory;
        } else {
            directory = Path.of(job.spec().workingDirectory());
        }
        Files.createDirectories(directory);
        for (int i = 0; i < files.size(); i++) {
            Files.copy(files.get(i), directory.resolve(job.spec().files().get(i).name()),
                StandardCopyOption.REPLACE_EXISTING);
        }
        return directory;
    }

    /** Deletes the fresh working directory this host made, with what the ranks left in it. */
    private void removeFreshDirectory() {
        if (freshDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(freshDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            getContext().getLog().warn("could not remove the working directory {} of job {}: {}", freshDirectory,
                job.jobId(), e.getMessage());
        }
    }

    private Behavior<Command> onFetchFailed(FetchFailed failed) {
        return failed("peer " + job.peer() + " cannot get the job's files: " + failed.reason());
    }

    private Behavior<Command> failed(String reason) {
        job.coordinator().tell(new JobCoordinator.WorkerFailed(job.worker(), reason));
        return Behaviors.stopped();
    }

    private Behavior<Command> onRelay(Relay relay) {
        if (worker != null) {
            try {
                worker.relay(relay.frame());
            } catch (IOException e) {
                getContext().getLog().warn("dropped a broken control frame for worker {} of job {}: {}",
                    job.worker(), job.jobId(), e.getMessage());
            }
        }
        return this;
    }

    private Behavior<Command> onInput(Input input) {
        if (worker == null || !worker.input(input.chunk())) {
            // Normal once rank 0 has stopped reading and its JVM ended; otherwise a submitter that ignored its credit.
            getContext().getLog().debug("dropped {} bytes of standard input for worker {} of job {}",
                input.chunk().length, job.worker(), job.jobId());
        }
        return this;
    }

    private Behavior<Command> onStop(Stop stop) {
        stopRequested = true;
        if (worker == null) {
            // Still fetching: the JVM will not start, and the fetch's answer ends this host.
            return reportNeverStarted();
        }
        if (stop.kill()) {
            worker.kill();
        } else {
            worker.stop();
        }
        return this;
    }

    private Behavior<Command> reportNeverStarted() {
        job.coordinator().tell(new JobCoordinator.WorkerExited(job.worker(), NEVER_STARTED));
        return Behaviors.stopped();
    }

    private Behavior<Command> onExited(Exited exited) {
        exitStatus = exited.exitStatus();
        return endedIfDone();
    }

    /** Once the JVM ended and its output is relayed, tells the coordinator (after the output, in order) and stops. */
    private Behavior<Command> endedIfDone() {
        if (exitStatus == null || !outputEnded) {
            return this;
        }
        job.coordinator().tell(new JobCoordinator.WorkerExited(job.worker(), exitStatus));
        return Behaviors.stopped();
    }

    private Behavior<Command> onCoordinatorGone(Terminated terminated) {
        getContext().getLog().warn("the coordinator of job {} is gone; ending its worker {} on this peer",
            job.jobId(), job.worker());
        return Behaviors.stopped();
    }

    private String ranks() {
        return new RemoteSupervision.Block(job.peer(), job.firstRank(), job.rankCount()).ranks();
    }

    /** Passes what the worker's threads report to the coordinator, or, for the JVM's end, to this actor. */
    private final class Relayer implements HostedWorker.Listener {

        private final ActorRef<Command> self = getContext().getSelf();
        private final ActorRef<JobCoordinator.Command> coordinator = job.coordinator();

        @Override
        public void connected() {
            coordinator.tell(new JobCoordinator.WorkerConnected(job.worker()));
        }

        @Override
        public void relayed(byte[] frame) {
            coordinator.tell(new JobCoordinator.WorkerSaid(job.worker(), frame));
        }

        @Override
        public void inputCredit(long bytes) {
            coordinator.tell(new JobCoordinator.InputCredit(bytes));
        }

        @Override
        public void output(boolean error, byte[] line) {
            int end = line.length;
            if (end > 0 && line[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
            coordinator.tell(new JobCoordinator.WorkerOutput(job.worker(), error,
                new String(line, 0, end, StandardCharsets.UTF_8)));
        }

        @Override
        public void outputEnded() {
            self.tell(OutputEnded.INSTANCE);
        }

        @Override
        public void exited(int exitStatus) {
            self.tell(new Exited(exitStatus));
        }
    }
}
