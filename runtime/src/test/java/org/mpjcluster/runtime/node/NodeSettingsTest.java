package org.mpjcluster.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The peer's settings: documented defaults, options above them, and Pekko following mpj.node. */
class NodeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        NodeSettings settings = NodeSettings.load();

        assertEquals("127.0.0.1", settings.host());
        assertEquals(2552, settings.port());
        assertEquals(List.of(), settings.seeds());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.slots());
        assertEquals(Duration.ofMillis(200), settings.config().getDuration("pekko.cluster.failure-detector.heartbeat-interval"));
        assertEquals("cluster", settings.config().getString("pekko.actor.provider"));
        assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
            settings.config().getString("pekko.cluster.downing-provider-class"));
        assertEquals("keep-majority", settings.config().getString("pekko.cluster.split-brain-resolver.active-strategy"));
    }

    @Test
    void optionsOverrideTheDefaultsAndReachThePekkoSettings() {
        NodeSettings settings = NodeSettings.load(ConfigFactory.parseMap(Map.of(
            "mpj.node.port", 0, "mpj.node.slots", 5, "mpj.node.seeds", List.of("10.0.0.1:2552"),
            "mpj.node.failure-detector.threshold", 10.0, "mpj.node.down-unreachable-after", "7s")));

        assertEquals(0, settings.port());
        assertEquals(5, settings.slots());
        assertEquals(List.of("10.0.0.1:2552"), settings.seeds());
        assertEquals(0, settings.config().getInt("pekko.remote.artery.canonical.port"));
        assertEquals(10.0, settings.config().getDouble("pekko.cluster.failure-detector.threshold"));
        assertEquals(Duration.ofSeconds(7), settings.config().getDuration("pekko.cluster.split-brain-resolver.stable-after"));
    }

    @Test
    void rejectsNegativeSlotsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NodeSettings.load(ConfigFactory.parseMap(Map.of("mpj.node.slots", -1))));
        assertTrue(e.getMessage().contains("mpj.node.slots"), e::getMessage);
    }

    @Test
    void joinRejectsASeedWithoutAPort() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MpjNode.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int status = commandLine.execute("join", "--port", "0", "--seed", "somehost");

        assertEquals(2, status);
        assertTrue(err.toString().contains("a seed must be HOST:PORT"), err::toString);
    }
}
