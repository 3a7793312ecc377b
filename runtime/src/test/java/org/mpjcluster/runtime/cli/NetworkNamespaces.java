package org.mpjcluster.runtime.cli;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux network namespaces for a test, each with an address of its own on a bridge in the test's
 * namespace: processes started in them (through {@link #launcher(int)}) reach each other, and the
 * test reaches them, only through those addresses, as hosts on a LAN do, never through loopback.
 *
 * <p>They are made and removed with the {@code ip} command, as root. Their names carry the test
 * JVM's pid (namespaces {@code mpjt-PID-I}, bridge {@code mpjbrPID}, veths {@code mpjvPIDxI}), so
 * that {@link #removeStale()} can remove what a killed test JVM left behind; a shutdown hook
 * removes them when the JVM is stopped before {@link #close()}.
 */
final class NetworkNamespaces implements AutoCloseable {

    private static final Pattern NAMESPACE = Pattern.compile("mpjt-(\\d+)-\\d+");
    private static final Pattern LINK = Pattern.compile("\\d+: (mpj(?:br|v)(\\d+)(?:x\\d+)?)[@:].*");
    private static final long COMMAND_LIMIT_SECONDS = 10;
    /** Host number of the first namespace's address; the bridge has .1. */
    private static final int FIRST_HOST = 10;
    /** Third octets tried for the namespaces' 10.213.X.0/24, from one chosen by the pid. */
    private static final int FIRST_SUBNET = 16;
    private static final int SUBNETS = 200;

    private final long pid = ProcessHandle.current().pid();
    private final String subnet;
    private final List<String> namespaces = new ArrayList<>();
    private final Thread onShutdown = new Thread(this::removeQuietly, "remove network namespaces");
    private boolean bridgeAdded;

    private NetworkNamespaces(String subnet) {
        this.subnet = subnet;
    }

    /**
     * Why namespaces cannot be made here (not Linux, not root, no {@code ip} command), or empty if
     * they may be; making them may still fail, with the reason in the exception.
     */
    static Optional<String> unsupportedBecause() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return Optional.of("network namespaces need Linux, not " + System.getProperty("os.name"));
        }
        long uid = new UnixSystem().getUid();
        if (uid != 0) {
            return Optional.of("network namespaces need root, and the test runs as uid " + uid);
        }
        try {
            ip("-V");
        } catch (IOException e) {
            return Optional.of("no usable ip command (iproute2): " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Makes {@code count} namespaces on a new bridge; removes what it made if any step fails. */
    static NetworkNamespaces create(int count) throws IOException {
        NetworkNamespaces made = new NetworkNamespaces(freeSubnet());
        Runtime.getRuntime().addShutdownHook(made.onShutdown);
        try {
            made.addBridge();
            for (int index = 0; index < count; index++) {
                made.addNamespace(index);
            }
            return made;
        } catch (IOException | RuntimeException e) {
            try {
                made.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Removes the namespaces, bridges and veths of test JVMs that are no longer running, killing
     * the processes left in those namespaces first.
     */
    static void removeStale() throws IOException {
        for (String line : ip("netns", "list").lines().toList()) {
            String namespace = line.split(" ")[0];
            Matcher named = NAMESPACE.matcher(namespace);
            if (named.matches() && isGone(named.group(1))) {
                removeNamespace(namespace);
            }
        }
        for (String line : ip("-o", "link", "show").lines().toList()) {
            Matcher named = LINK.matcher(line);
            if (named.matches() && isGone(named.group(2))) {
                ip("link", "del", named.group(1));
            }
        }
    }

    /** The address of namespace {@code index}, on the bridge's /24. */
    String address(int index) {
        return subnet + (FIRST_HOST + index);
    }

    /** The command prefix that runs a command in namespace {@code index}. */
    List<String> launcher(int index) {
        return List.of("ip", "netns", "exec", namespaces.get(index));
    }

    /** Kills the processes in the namespaces, then removes them, their veths and the bridge. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs, or has run, the removal itself.
        }
        remove();
    }

    private void addBridge() throws IOException {
        ip("link", "add", bridge(), "type", "bridge");
        bridgeAdded = true;
        ip("addr", "add", subnet + "1/24", "dev", bridge());
        ip("link", "set", bridge(), "up");
    }

    private void addNamespace(int index) throws IOException {
        String namespace = "mpjt-" + pid + "-" + index;
        ip("netns", "add", namespace);
        namespaces.add(namespace);
        String veth = "mpjv" + pid + "x" + index;
        ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip("link", "set", veth, "master", bridge(), "up");
        ip("-n", namespace, "addr", "add", address(index) + "/24", "dev", "eth0");
        ip("-n", namespace, "link", "set", "eth0", "up");
        ip("-n", namespace, "link", "set", "lo", "up");
    }

    private String bridge() {
        return "mpjbr" + pid;
    }

    /** Each namespace's veth pair goes with it, so only the namespaces and the bridge are removed. */
    private synchronized void remove() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (String namespace : List.copyOf(namespaces)) {
            try {
                removeNamespace(namespace);
                namespaces.remove(namespace);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (bridgeAdded) {
            try {
                ip("link", "del", bridge());
                bridgeAdded = false;
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException failed = new IOException("could not remove every network namespace of the test");
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (IOException e) {
            System.err.println(e.getMessage() + ": " + List.of(e.getSuppressed()));
        }
    }

    private static void removeNamespace(String namespace) throws IOException {
        List<ProcessHandle> inside = ip("netns", "pids", namespace).lines()
            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())).stream()).toList();
        inside.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("process " + process.pid() + " in " + namespace + " does not end", e);
            }
        }
        ip("netns", "del", namespace);
    }

    /** A 10.213.X.0/24 that no address or route of the test's namespace is in. */
    private static String freeSubnet() throws IOException {
        String inUse = ip("-4", "addr") + ip("-4", "route");
        long pid = ProcessHandle.current().pid();
        for (int tried = 0; tried < SUBNETS; tried++) {
            String subnet = "10.213." + (FIRST_SUBNET + (pid + tried) % SUBNETS) + ".";
            if (!inUse.contains(subnet)) {
                return subnet;
            }
        }
        throw new IOException("every 10.213.X.0/24 from X = " + FIRST_SUBNET + " is in use:\n" + inUse);
    }

    private static boolean isGone(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isEmpty();
    }

    /** Runs {@code ip args} and returns what it printed, or fails with its exit status and output. */
    private static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end in " + COMMAND_LIMIT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit status " + process.exitValue()
                    + ": " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
    }
}
