package org.mpjcluster.runtime.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blob ids: only 64 lowercase hex digits are ids, and a file's id is its SHA-256. */
class BlobIdTest {

    private static final String ABC_SHA_256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void parsesSixtyFourLowercaseHexDigits() {
        assertEquals(ABC_SHA_256, BlobId.parse(ABC_SHA_256).hex());
        assertEquals(ABC_SHA_256, BlobId.parse(ABC_SHA_256).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "../../etc/passwd",
        "../a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2001/ad",
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a\n"})
    void refusesAnythingElseSayingWhatAnIdIs(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlobId.parse(text));
        assertTrue(e.getMessage().contains("64 lowercase hex digits"), e::getMessage);
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> BlobId.parse(null));
    }

    @Test
    void theIdOfAFileIsItsSha256(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("abc"), "abc", StandardCharsets.US_ASCII);
        assertEquals(BlobId.parse(ABC_SHA_256), BlobId.of(file));
    }

    @Test
    void hashesAFileLargerThanItsReadBuffer(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[1_000_003];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("big"), bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, BlobId.of(file).hex());
    }
}
