package org.mpjcluster.runtime.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for the worker JVMs a peer starts: the first worker on a given
 * class path and Java writes the classes it loaded to an archive as it exits, and later workers
 * map them instead of loading them, which shortens a worker's start by a fifth or more. An
 * archive that no longer matches (a rebuilt jar, other JVM options) is ignored by the JVM; a user
 * who sets class-data sharing options in {@code --jvm-opt} gets none from here, nor does a worker
 * whose class path holds a directory (as in the project's own tests), which the JVM cannot archive.
 */
final class ClassArchive {

    /** JVM options that mean the user manages class-data sharing. */
    private static final List<String> USER_CDS_OPTIONS =
        List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
    /** Keeps the JVM's notes on archived classes out of the job's output. */
    private static final String QUIET = "-Xlog:cds*=off";
    /** Archives being written by this peer's workers now, so that only one worker writes each. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path archive;
    private final Path written;

    private ClassArchive(Path archive, Path written) {
        this.archive = archive;
        this.written = written;
    }

    /**
     * The archive for a worker on {@code classpath} with {@code jvmOptions}, kept in
     * {@code directory}; none if the directory is null or the user set class-data sharing options.
     */
    static ClassArchive forWorker(Path directory, String classpath, List<String> jvmOptions) {
        if (directory == null || hasDirectory(classpath) || jvmOptions.stream().anyMatch(option -> USER_CDS_OPTIONS.stream()
            .anyMatch(option::startsWith))) {
            return new ClassArchive(null, null);
        }
        Path archive = directory.resolve("worker-" + key(classpath) + ".jsa");
        if (Files.isRegularFile(archive) || !WRITING.add(archive)) {
            return new ClassArchive(archive, null);
        }
        return new ClassArchive(archive, directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid()
            + "-" + System.nanoTime() + ".tmp"));
    }

    /** Whether {@code classpath} names a directory: the JVM archives classes from jars only, and refuses to start otherwise. */
    private static boolean hasDirectory(String classpath) {
        return Stream.of(classpath.split(File.pathSeparator)).anyMatch(entry -> Files.isDirectory(Path.of(entry)));
    }

    /** The options that use the archive, or that write it when the worker exits. */
    List<String> jvmOptions() throws IOException {
        List<String> options = new ArrayList<>();
        if (archive == null) {
            return options;
        }
        if (written == null) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else {
            Files.createDirectories(written.getParent());
            options.add("-XX:ArchiveClassesAtExit=" + written);
        }
        options.add(QUIET);
        return options;
    }

    /** The worker exited with {@code exitStatus}: an archive it wrote after a normal end takes its place. */
    void workerExited(int exitStatus) {
        if (written == null) {
            return;
        }
        try {
            if (exitStatus == 0 && Files.isRegularFile(written)) {
                move(written, archive);
            }
            Files.deleteIfExists(written);
        } catch (IOException e) {
            // Without the archive, the next worker starts as this one did and writes it again.
        } finally {
            WRITING.remove(archive);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Names the class path's content and the Java that runs it: a rebuilt jar or another Java gets another archive. */
    private static String key(String classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String stamp = entry + (Files.isRegularFile(path)
                    ? ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis() : "");
                digest.update(stamp.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        } catch (IOException e) {
            return "unstamped";
        }
    }
}
