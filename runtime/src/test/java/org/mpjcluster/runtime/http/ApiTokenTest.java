package org.mpjcluster.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token: generated once, kept owner-only, refused when others may read it. */
class ApiTokenTest {

    @Test
    void createsTheTokenFileReadableOnlyByItsOwnerInANewStateDirectory(@TempDir Path home) throws IOException {
        Path file = home.resolve("state").resolve("http-token");

        ApiToken.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String token = Files.readString(file).strip();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), () -> "not 32 bytes of URL-safe base64: " + token);
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "a temporary file was left beside the token");
        }
    }

    @Test
    void reusesTheTokenOnLaterStarts(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("http-token");
        ApiToken first = ApiToken.loadOrCreate(file);
        String stored = Files.readString(file).strip();

        ApiToken second = ApiToken.loadOrCreate(file);

        assertTrue(first.matches(stored));
        assertTrue(second.matches(stored));
        assertEquals(stored, Files.readString(file).strip());
    }

    @Test
    void generatesADifferentTokenForEachNewFile(@TempDir Path directory) throws IOException {
        ApiToken.loadOrCreate(directory.resolve("a"));

        ApiToken other = ApiToken.loadOrCreate(directory.resolve("b"));

        assertFalse(other.matches(Files.readString(directory.resolve("a")).strip()));
    }

    @Test
    void refusesATokenFileOthersMayRead(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("http-token");
        ApiToken.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        IOException refused = assertThrows(IOException.class, () -> ApiToken.loadOrCreate(file));

        assertTrue(refused.getMessage().contains("is open to others (rw-r--r--)"), refused::getMessage);
        assertTrue(refused.getMessage().contains("chmod 600 " + file), refused::getMessage);
    }

    @Test
    void matchesOnlyTheSameToken() {
        ApiToken token = ApiToken.of("secret-token");

        assertTrue(token.matches("secret-token"));
        assertFalse(token.matches("secret-tokem"));
        assertFalse(token.matches("secret"));
        assertFalse(token.matches(""));
        assertEquals("ApiToken[hidden]", token.toString());
    }
}
