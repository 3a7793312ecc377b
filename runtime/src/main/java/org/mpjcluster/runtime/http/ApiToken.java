package org.mpjcluster.runtime.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret a client of the peer's HTTP API presents as {@code Authorization: Bearer <token>}.
 * The peer generates it on its first start and keeps it in a file only its owner can read, so
 * that {@code mpjrun} run by the same user on the same host finds it there.
 */
public final class ApiToken {

    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
        PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final byte[] value;

    private ApiToken(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** A token given as text, such as {@code mpjrun --token}. */
    public static ApiToken of(String value) {
        return new ApiToken(value);
    }

    /**
     * The token in {@code file}, created with a new random token first if there is none.
     *
     * @throws IOException if the file cannot be created or read, or others may read it
     */
    public static ApiToken loadOrCreate(Path file) throws IOException {
        if (Files.notExists(file)) {
            create(file);
        }
        return read(file);
    }

    /**
     * The token in {@code file}.
     *
     * @throws IOException if the file cannot be read, is empty, or others may read or write it
     */
    public static ApiToken read(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException("the API token file " + file + " is open to others ("
                + PosixFilePermissions.toString(permissions) + "): anyone who can read it can use the peer's API; "
                + "run 'chmod 600 " + file + "', or delete it to get a new token on the next start");
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty()) {
            throw new IOException("the API token file " + file + " is empty; delete it to get a new token on the next start");
        }
        return new ApiToken(token);
    }

    /**
     * Writes a new token to a temporary file created owner-only, then moves it in place, so that
     * the token is never readable by others nor seen half-written; if another process created the
     * file meanwhile, its token is kept.
     */
    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (Files.notExists(directory)) {
            Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        }
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".new", OWNER_ONLY_FILE);
        try {
            Files.writeString(temporary, generate() + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException e) {
            // another peer of this user started at the same moment: both use the token it wrote
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} is this token, in a time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token as sent in an {@code Authorization} header. */
    public String bearerHeaderValue() {
        return "Bearer " + new String(value, StandardCharsets.US_ASCII);
    }

    /** Hides the secret from logs. */
    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
