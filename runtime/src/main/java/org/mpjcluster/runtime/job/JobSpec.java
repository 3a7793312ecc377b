package org.mpjcluster.runtime.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.node.CborSerializable;

/**
 * What a user submits: the program (class path and main class) and its arguments, how many ranks
 * and how to place them, files for the ranks' working directory, and how to run the worker JVMs.
 *
 * @param ranks            number of ranks, at least 1
 * @param strategy         {@code spread} or {@code concentrate}
 * @param classpath        the program's class path, jars shipped in order
 * @param mainClass        the class whose {@code main} every rank runs
 * @param args             the program's arguments
 * @param files            files put in every worker's working directory, by name
 * @param jvmOptions       options for the worker JVMs, such as {@code -Xmx2g}
 * @param environment      variables added to the worker JVMs' environment
 * @param workingDirectory the ranks' working directory on every peer, or empty for a fresh one per job
 * @param tagOutput        whether every output line is prefixed with {@code [rank@peer]}
 * @param reserveTimeoutMillis how long to wait for enough free slots; 0 fails at once
 * @param timeoutMillis    how long the job may run once its ranks have started, or null for no limit
 * @param abortGraceMillis after a rank fails, how long the others get to stop before their JVMs
 *                         are stopped, or null for the peer's {@code mpj.launcher.abort-grace}
 */
public record JobSpec(int ranks, String strategy, List<ShippedFile> classpath, String mainClass, List<String> args,
                      List<ShippedFile> files, List<String> jvmOptions, Map<String, String> environment,
                      String workingDirectory, boolean tagOutput, long reserveTimeoutMillis, Long timeoutMillis,
                      Long abortGraceMillis) implements CborSerializable {

    /** Copies the collections, so that the spec stays immutable; absent ones are empty. */
    public JobSpec {
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        args = args == null ? List.of() : List.copyOf(args);
        files = files == null ? List.of() : List.copyOf(files);
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        workingDirectory = workingDirectory == null ? "" : workingDirectory;
        strategy = strategy == null ? "spread" : strategy;
    }

    /** Every shipped file: the class path, then the working-directory files. */
    public List<ShippedFile> shipped() {
        return Stream.concat(classpath.stream(), files.stream()).toList();
    }

    /**
     * Checks what a client sent: the spec comes from the network.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public void validate() {
        if (ranks < 1) {
            throw new IllegalArgumentException("a job needs at least 1 rank, not " + ranks);
        }
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("the job names no main class");
        }
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("the job ships no class path");
        }
        for (ShippedFile file : shipped()) {
            BlobId.parse(file.sha256());
        }
        for (ShippedFile file : files) {
            if (!isPlainName(file.name())) {
                throw new IllegalArgumentException("a shipped file needs a plain file name, not '" + file.name() + "'");
            }
        }
        if (reserveTimeoutMillis < 0) {
            throw new IllegalArgumentException("the reservation timeout cannot be negative: " + reserveTimeoutMillis);
        }
        if (timeoutMillis != null && timeoutMillis <= 0) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeoutMillis + " ms");
        }
        if (abortGraceMillis != null && abortGraceMillis < 0) {
            throw new IllegalArgumentException("the abort grace cannot be negative: " + abortGraceMillis + " ms");
        }
    }

    /** How long the job may run once its ranks have started, or null for no limit. */
    public Duration timeout() {
        return timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis);
    }

    /** How long the ranks get to stop after a rank failed: the spec's, or {@code peerDefault} if it names none. */
    public Duration abortGrace(Duration peerDefault) {
        return abortGraceMillis == null ? peerDefault : Duration.ofMillis(abortGraceMillis);
    }

    /** Whether {@code name} names a file in the working directory itself, and nothing outside it. */
    private static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && !name.contains("/") && !name.contains("\\")
            && !name.equals(".") && !name.equals("..");
    }
}
