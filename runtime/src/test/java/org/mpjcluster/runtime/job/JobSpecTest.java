package org.mpjcluster.runtime.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link JobSpec#validate()} lets through from the network, and what the constructor fills in. */
class JobSpecTest {

    private static final String SHA = "a".repeat(64);
    private static final List<ShippedFile> JAR = List.of(new ShippedFile("app.jar", SHA));

    @Test
    void acceptsAWellFormedSpec() {
        assertDoesNotThrow(() -> spec(4, "app.Main", JAR, List.of(new ShippedFile("input.txt", SHA)), 0).validate());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesFewerThanOneRank(int ranks) {
        assertRefused(spec(ranks, "app.Main", JAR, List.of(), 0), "at least 1 rank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesABlankMainClass(String mainClass) {
        assertRefused(spec(1, mainClass, JAR, List.of(), 0), "no main class");
    }

    @Test
    void refusesAMissingMainClass() {
        assertRefused(spec(1, null, JAR, List.of(), 0), "no main class");
    }

    @Test
    void refusesAnEmptyClassPath() {
        assertRefused(spec(1, "app.Main", List.of(), List.of(), 0), "no class path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xyz", "../../etc/passwd", "../aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg"})
    void refusesAMalformedSha256InTheClassPathOrTheFiles(String sha) {
        List<ShippedFile> bad = List.of(new ShippedFile("x.jar", sha));
        assertRefused(spec(1, "app.Main", bad, List.of(), 0), "64 lowercase hex digits");
        assertRefused(spec(1, "app.Main", JAR, bad, 0), "64 lowercase hex digits");
    }

    @Test
    void refusesAMissingSha256() {
        assertRefused(spec(1, "app.Main", List.of(new ShippedFile("x.jar", null)), List.of(), 0),
            "64 lowercase hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/etc/passwd", "../x", "a\\b", "..\\x"})
    void refusesAFileNameThatIsNotAPlainName(String name) {
        assertRefused(spec(1, "app.Main", JAR, List.of(new ShippedFile(name, SHA)), 0), "plain file name");
    }

    @Test
    void refusesAMissingFileName() {
        assertRefused(spec(1, "app.Main", JAR, List.of(new ShippedFile(null, SHA)), 0), "plain file name");
    }

    @Test
    void refusesANegativeReserveTimeout() {
        assertRefused(spec(1, "app.Main", JAR, List.of(), -1), "cannot be negative");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refusesATimeoutThatIsNotPositive(long millis) {
        assertRefused(limited(millis, null), "the timeout must be positive");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void refusesANegativeAbortGrace(long millis) {
        assertRefused(limited(null, millis), "cannot be negative");
    }

    @Test
    void takesItsTimeoutAndAbortGraceOrThePeersGraceWhenItNamesNone() {
        JobSpec limited = limited(Long.MAX_VALUE, 0L);
        assertDoesNotThrow(limited::validate);
        assertEquals(Duration.ofMillis(Long.MAX_VALUE), limited.timeout());
        assertEquals(Duration.ZERO, limited.abortGrace(Duration.ofSeconds(3)));

        JobSpec unlimited = limited(null, null);
        assertNull(unlimited.timeout());
        assertEquals(Duration.ofSeconds(3), unlimited.abortGrace(Duration.ofSeconds(3)));
    }

    @Test
    void readsASpecWithoutTimeoutOrAbortGraceAsOneWithoutLimits() throws Exception {
        JobSpec read = new ObjectMapper().readValue("{\"ranks\":2,\"mainClass\":\"app.Main\","
            + "\"classpath\":[{\"name\":\"app.jar\",\"sha256\":\"" + SHA + "\"}]}", JobSpec.class);

        assertDoesNotThrow(read::validate);
        assertNull(read.timeoutMillis());
        assertNull(read.abortGraceMillis());
    }

    @Test
    void defaultsAbsentCollectionsToEmptyAndTheStrategyToSpread() {
        JobSpec spec = new JobSpec(1, null, null, "app.Main", null, null, null, null, null, false, 0, null, null);

        assertEquals("spread", spec.strategy());
        assertEquals(List.of(), spec.classpath());
        assertEquals(List.of(), spec.args());
        assertEquals(List.of(), spec.files());
        assertEquals(List.of(), spec.jvmOptions());
        assertEquals(Map.of(), spec.environment());
        assertEquals("", spec.workingDirectory());
    }

    @Test
    void shipsTheClassPathThenTheFiles() {
        ShippedFile input = new ShippedFile("input.txt", "b".repeat(64));
        assertEquals(List.of(JAR.get(0), input), spec(1, "app.Main", JAR, List.of(input), 0).shipped());
    }

    private static JobSpec spec(int ranks, String mainClass, List<ShippedFile> classpath, List<ShippedFile> files,
                                long reserveTimeoutMillis) {
        return new JobSpec(ranks, "spread", classpath, mainClass, List.of(), files, List.of(), Map.of(), "", false,
            reserveTimeoutMillis, null, null);
    }

    private static JobSpec limited(Long timeoutMillis, Long abortGraceMillis) {
        return new JobSpec(1, "spread", JAR, "app.Main", List.of(), List.of(), List.of(), Map.of(), "", false, 0,
            timeoutMillis, abortGraceMillis);
    }

    private static void assertRefused(JobSpec spec, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, spec::validate);
        assertTrue(refused.getMessage().contains(reason), refused::getMessage);
    }
}
