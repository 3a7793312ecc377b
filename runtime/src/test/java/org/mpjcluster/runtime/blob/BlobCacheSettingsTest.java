package org.mpjcluster.runtime.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.node.NodeSettings;

/** The cache's settings, {@code mpj.node.cache}: where it lives by default, and sizes refused. */
class BlobCacheSettingsTest {

    @Test
    void anEmptyDirectoryMeansTheCacheDirectoryOfTheStateDirectory(@TempDir Path stateDir) throws IOException {
        NodeSettings settings = settings(Map.of("mpj.node.state-dir", stateDir.toString(),
            "mpj.node.cache.dir", "", "mpj.node.cache.max-size", "3 MiB"));

        assertEquals(stateDir.resolve("cache"), settings.cacheDir());
        assertEquals(3L << 20, settings.cacheMaxSize());
        assertEquals(stateDir.resolve("cache"), BlobCache.open(settings).dir());
        assertTrue(Files.isDirectory(stateDir.resolve("cache")));
    }

    @Test
    void aDirectoryGivenIsUsedAsItIs(@TempDir Path dir) {
        NodeSettings settings = settings(Map.of("mpj.node.cache.dir", dir.toString(), "mpj.node.cache.max-size", "1 GiB"));
        assertEquals(dir, settings.cacheDir());
    }

    @Test
    void refusesANonPositiveOrMalformedSizeNamingTheKey() {
        for (String size : new String[] {"0", "-1 MiB", "lots"}) {
            NodeSettings settings = settings(Map.of("mpj.node.cache.dir", "", "mpj.node.cache.max-size", size));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, settings::cacheMaxSize);
            assertTrue(e.getMessage().contains("mpj.node.cache.max-size"), e::getMessage);
        }
    }

    private static NodeSettings settings(Map<String, Object> cache) {
        return NodeSettings.from(ConfigFactory.parseMap(cache).withFallback(ConfigFactory.load()).resolve());
    }
}
