package org.mpjcluster.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code mpj.node.http} and {@code mpj.node.state-dir} settings. */
class PeerHttpSettingsTest {

    @Test
    void defaultsToPort8558OnLoopbackAndATokenInTheHomeDirectory() {
        PeerHttpSettings settings = PeerHttpSettings.from(ConfigFactory.defaultReference());

        assertEquals("127.0.0.1", settings.host());
        assertEquals(8558, settings.port());
        assertEquals(Path.of(System.getProperty("user.home"), ".mpj", "http-token"), settings.tokenFile());
    }

    @Test
    void takesAStateDirectoryOutsideTheHomeDirectoryAsGiven() {
        PeerHttpSettings settings = PeerHttpSettings.from(ConfigFactory.parseString("mpj.node.state-dir = /var/lib/mpj/~x")
            .withFallback(ConfigFactory.defaultReference()));

        assertEquals(Path.of("/var/lib/mpj/~x/http-token"), settings.tokenFile());
    }

    @Test
    void rejectsAPortOutOfRangeNamingTheKey() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> PeerHttpSettings.from(
            ConfigFactory.parseString("mpj.node.http.port = 70000").withFallback(ConfigFactory.defaultReference())));

        assertTrue(rejected.getMessage().contains("mpj.node.http.port"), rejected::getMessage);
    }
}
