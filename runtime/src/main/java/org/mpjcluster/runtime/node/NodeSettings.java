package org.mpjcluster.runtime.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one peer, parsed once from {@code mpj.node}. They come, lowest first, from
 * cluster-config's {@code reference.conf}, {@code mpj-node.conf} (the Pekko settings), an
 * {@code application.conf}, {@code -D} system properties, and the command options.
 *
 * @param host          address of this peer in the cluster
 * @param port          cluster port; 0 takes any free port
 * @param seeds         peers to join through, {@code host:port}; empty for the first peer
 * @param slots         ranks this peer runs at once
 * @param httpPort      port of the peer's HTTP API
 * @param factsInterval how often the peer publishes its facts
 * @param probeInterval how often the peer measures its latency to the others
 * @param reservationLease how long a slot reservation lasts unless its holder renews it
 * @param stateDir      directory of the peer's pid file (and by default of its cache of job files)
 * @param config        the whole layered configuration, which the peer's actor system runs on
 */
public record NodeSettings(String host, int port, List<String> seeds, int slots, int httpPort,
                           Duration factsInterval, Duration probeInterval, Duration reservationLease, Path stateDir,
                           Config config) {

    /** Copies the seed list, so that the settings stay immutable. */
    public NodeSettings {
        seeds = List.copyOf(seeds);
    }

    /** Loads the settings with no command options. */
    public static NodeSettings load() {
        return load(ConfigFactory.empty());
    }

    /**
     * Loads the settings with {@code overrides} (such as the command options, as {@code mpj.node}
     * keys) above everything else.
     *
     * @throws IllegalArgumentException naming the key if a value is missing or malformed
     */
    public static NodeSettings load(Config overrides) {
        Config layered = overrides
            .withFallback(ConfigFactory.defaultOverrides())
            .withFallback(ConfigFactory.defaultApplication())
            .withFallback(ConfigFactory.parseResources(NodeSettings.class.getClassLoader(), "mpj-node.conf",
                ConfigParseOptions.defaults().setAllowMissing(false)))
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
        return from(layered);
    }

    /**
     * Reads the settings from a resolved {@code config}.
     *
     * @throws IllegalArgumentException naming the key if a value is missing or malformed
     */
    public static NodeSettings from(Config config) {
        try {
            Config node = config.getConfig("mpj.node");
            int slots = node.getInt("slots");
            if (slots < 0) {
                throw new IllegalArgumentException("mpj.node.slots must be 0 (one per processor) or more, not " + slots);
            }
            return new NodeSettings(node.getString("host"), port(node, "port"), node.getStringList("seeds"),
                slots == 0 ? Runtime.getRuntime().availableProcessors() : slots,
                port(node, "http.port"),
                node.getDuration("facts-interval"), node.getDuration("probe-interval"),
                node.getDuration("reservation-lease"),
                Path.of(node.getString("state-dir")), config);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid mpj.node setting: " + e.getMessage(), e);
        }
    }

    /**
     * Directory of the peer's cache of job files: {@code mpj.node.cache.dir}, or
     * {@code <state-dir>/cache} when that is empty.
     *
     * @throws IllegalArgumentException naming the key if it is missing or not a string
     */
    public Path cacheDir() {
        try {
            String dir = config.getString("mpj.node.cache.dir");
            return dir.isBlank() ? stateDir.resolve("cache") : Path.of(dir);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid mpj.node setting: " + e.getMessage(), e);
        }
    }

    /**
     * Bytes the cache of job files may hold before it evicts the least recently used ones:
     * {@code mpj.node.cache.max-size}.
     *
     * @throws IllegalArgumentException naming the key if it is missing, not a size, or not positive
     */
    public long cacheMaxSize() {
        try {
            long bytes = config.getBytes("mpj.node.cache.max-size");
            if (bytes <= 0) {
                throw new IllegalArgumentException("mpj.node.cache.max-size must be a positive size such as 2 GiB, not "
                    + bytes + " bytes");
            }
            return bytes;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid mpj.node setting: " + e.getMessage(), e);
        }
    }

    /** How long the jobs of a leaving peer may take to finish before they are stopped: {@code mpj.node.drain-grace}. */
    public Duration drainGrace() {
        try {
            return config.getDuration("mpj.node.drain-grace");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid mpj.node setting: " + e.getMessage(), e);
        }
    }

    private static int port(Config node, String key) {
        int port = node.getInt(key);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mpj.node." + key + " must be a port from 0 to 65535, not " + port);
        }
        return port;
    }
}
