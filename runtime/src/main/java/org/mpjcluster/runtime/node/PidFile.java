package org.mpjcluster.runtime.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The pid file of a peer, {@code <state-dir>/node-<port>.pid}, by which {@code mpj-node leave}
 * finds the peer to stop. Only its owner may read it: it tells which process to signal.
 */
final class PidFile {

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** The pid file of the peer on cluster port {@code port}. */
    static PidFile of(Path stateDir, int port) {
        return new PidFile(stateDir.resolve("node-" + port + ".pid"));
    }

    /** Where the file is. */
    Path path() {
        return path;
    }

    /** Records this process as the peer, replacing the file of a peer that no longer runs. */
    void write() throws IOException {
        Files.createDirectories(path.getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(path);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another peer is starting on the same port: " + path, e);
        }
        Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }

    /** The recorded process, if the file exists and holds a pid. */
    Optional<Long> read() throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names this process. */
    void delete() throws IOException {
        if (read().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            Files.deleteIfExists(path);
        }
    }
}
