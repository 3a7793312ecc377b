package org.mpjcluster.runtime.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code mpj-node}: runs a peer of the MPJ cluster ({@code join}) or stops the peer that runs on
 * this host ({@code leave}).
 */
@Command(name = "mpj-node", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2, version = "mpj-node 0.1.0",
    subcommands = {MpjNode.JoinCommand.class, MpjNode.LeaveCommand.class},
    description = {"Runs a peer of the MPJ cluster, or stops one."})
public final class MpjNode implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs {@code mpj-node} and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line of {@code mpj-node}, for tests and {@link #main}. */
    static CommandLine commandLine() {
        return new CommandLine(new MpjNode());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** {@code mpj-node join}: runs a peer until it is asked to leave. */
    @Command(name = "join", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2, sortOptions = false,
        description = {
            "Runs a peer that joins the cluster through a seed, or forms a new cluster when given none.",
            "SIGTERM, SIGINT or 'mpj-node leave' make it leave the cluster gracefully and exit with status 0:",
            "it takes no new ranks, gives running jobs mpj.node.drain-grace (30s) to finish, then leaves;",
            "it exits with status 1 if the cluster removes it (such as on the minority side of a partition)."})
    static final class JoinCommand implements Callable<Integer> {

        @Option(names = "--seed", paramLabel = "HOST:PORT",
            description = "A member to join through (repeatable; any member will do). Default: mpj.node.seeds, none.")
        private List<String> seeds = new ArrayList<>();

        @Option(names = "--host", paramLabel = "ADDR",
            description = "Address of this peer in the cluster. Default: mpj.node.host (127.0.0.1).")
        private String host;

        @Option(names = "--port", paramLabel = "N",
            description = "Cluster port of this peer, 0 for any free one. Default: mpj.node.port (2552).")
        private Integer port;

        @Option(names = "--slots", paramLabel = "N",
            description = "Ranks this peer runs at once. Default: mpj.node.slots (one per processor).")
        private Integer slots;

        @Option(names = "--http-port", paramLabel = "N",
            description = "Port of this peer's HTTP API (0: any free port). Default: mpj.node.http.port (8558).")
        private Integer httpPort;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NodeSettings settings;
            PeerNode node;
            try {
                settings = NodeSettings.load(overrides());
                node = PeerNode.start(settings);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("mpj-node join: " + e.getMessage());
                return 2;
            }
            // Handled here rather than by the JVM's shutdown hook, so that a requested leave
            // ends with status 0 instead of 143.
            Signal.handle(new Signal("TERM"), signal -> node.leave());
            Signal.handle(new Signal("INT"), signal -> node.leave());
            PidFile pidFile = PidFile.of(settings.stateDir(), Integer.parseInt(node.address().replaceAll(".*:", "")));
            pidFile.write();
            try {
                node.whenTerminated().toCompletableFuture().join();
            } finally {
                pidFile.delete();
            }
            return node.leftGracefully() ? 0 : 1;
        }

        private Config overrides() {
            Map<String, Object> options = new HashMap<>();
            if (!seeds.isEmpty()) {
                options.put("mpj.node.seeds", seeds);
            }
            Optional.ofNullable(host).ifPresent(value -> options.put("mpj.node.host", value));
            Optional.ofNullable(port).ifPresent(value -> options.put("mpj.node.port", value));
            Optional.ofNullable(slots).ifPresent(value -> options.put("mpj.node.slots", value));
            Optional.ofNullable(httpPort).ifPresent(value -> options.put("mpj.node.http.port", value));
            return ConfigFactory.parseMap(options, "mpj-node options");
        }
    }

    /** {@code mpj-node leave}: makes the peer on this host leave the cluster and waits until it has. */
    @Command(name = "leave", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {
            "Makes the peer running on this host with the given cluster port leave the cluster gracefully,",
            "and waits until it has stopped. It finds the peer by its pid file in mpj.node.state-dir",
            "(~/.mpj/node-PORT.pid) and sends it SIGTERM, so it stops only the peers of the same user."})
    static final class LeaveCommand implements Callable<Integer> {

        /** Time for the peer's JVM to exit once it is out of the cluster. */
        private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

        @Option(names = "--port", paramLabel = "N",
            description = "Cluster port of the peer. Default: mpj.node.port (2552).")
        private Integer port;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException, java.util.concurrent.ExecutionException {
            Map<String, Object> options = port == null ? Map.of() : Map.of("mpj.node.port", port);
            NodeSettings settings = NodeSettings.load(ConfigFactory.parseMap(options, "mpj-node options"));
            PidFile pidFile = PidFile.of(settings.stateDir(), settings.port());
            Optional<ProcessHandle> peer = pidFile.read().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (peer.isEmpty()) {
                spec.commandLine().getErr().println("mpj-node leave: no peer runs on port " + settings.port()
                    + " for this user (no live process in " + pidFile.path() + "); pass the peer's --port");
                return 1;
            }
            peer.get().destroy();
            Duration limit = settings.config().getDuration("mpj.node.leave-timeout").plus(settings.drainGrace())
                .plus(EXIT_MARGIN);
            try {
                peer.get().onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println("mpj-node leave: the peer (pid " + peer.get().pid()
                    + ") has not stopped after " + limit.toSeconds() + "s; it may still be leaving");
                return 1;
            }
            spec.commandLine().getOut().println("peer on port " + settings.port() + " left the cluster");
            return 0;
        }
    }
}
