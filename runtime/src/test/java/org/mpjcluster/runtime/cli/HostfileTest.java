package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A hostfile reads as the peers it lists, in order, and a line that is no peer is refused naming the file and line. */
class HostfileTest {

    private static final Path FILE = Path.of("hosts");

    @Test
    void readsThePeersInOrderWithTheDefaultPortSkippingCommentsBlanksAndRepeats() {
        Hostfile hostfile = Hostfile.parse(FILE, List.of(
            "# the cluster",
            "",
            "node1",
            "  node2:9000   slots=4   # the big one",
            "10.0.0.7\tslots=2",
            "[::1]:8600",
            "[fe80::1%eth0]",
            "node1",
            "   "));

        assertEquals(List.of("node1:8558", "node2:9000", "10.0.0.7:8558", "[::1]:8600", "[fe80::1%eth0]:8558"),
            hostfile.peers());
        assertTrue(hostfile.givesSlots());
    }

    @Test
    void saysWhetherALineGivesSlots() {
        assertFalse(Hostfile.parse(FILE, List.of("node1", "node2:8600")).givesSlots());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"node1:", ":8558", "node1:0", "node1:65536", "node1:http", "node1:123456", "a:b:c", "::1",
        "[::1", "[::1]x", "[::1]:", "[]:8558", "[node1]", "no/such/host", "node1 slots=0", "node1 slots=x",
        "node1 slots=", "node1 slot=4", "node1 max_slots=8", "node1 slots=4 max_slots=8", "node1 slots=4 slots=4",
        "slots=4", "node1 node2"})
    void refusesALineThatIsNoPeerNamingTheFileAndLine(String line) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Hostfile.parse(FILE, List.of("# peers", "node0", "", line)));

        assertTrue(refused.getMessage().startsWith("the hostfile hosts, line 4: "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("write HOST, HOST:PORT or [IPV6]:PORT, optionally followed by slots=N"),
            refused.getMessage());
    }

    @Test
    void refusesAFileThatNamesNoPeer() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Hostfile.parse(FILE, List.of("# nobody yet", "")));

        assertTrue(refused.getMessage().startsWith("the hostfile hosts names no peer"), refused.getMessage());
    }

    @Test
    void refusesAMissingFile(@TempDir Path directory) {
        Path missing = directory.resolve("no-hosts");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Hostfile.read(missing));

        assertEquals("the hostfile " + missing + " does not exist", refused.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hosts"), "node1 slots=8\r\nnode2:8600\r\n");

        assertEquals(List.of("node1:8558", "node2:8600"), Hostfile.read(file).peers());
    }
}
