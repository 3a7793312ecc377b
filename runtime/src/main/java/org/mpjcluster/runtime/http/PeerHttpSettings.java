package org.mpjcluster.runtime.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;

/**
 * Where the peer's HTTP API listens and where the peer keeps its state: the
 * {@code mpj.node.http} and {@code mpj.node.state-dir} settings.
 *
 * @param host     address the API binds to
 * @param port     port the API binds to; 0 takes any free port
 * @param stateDir directory of the peer's own files, such as its API token
 */
public record PeerHttpSettings(String host, int port, Path stateDir) {

    private static final String TOKEN_FILE_NAME = "http-token";

    /**
     * Reads the settings from {@code config}; a leading {@code ~} in the state directory stands for
     * the user's home directory.
     *
     * @throws IllegalArgumentException naming the key if a value is missing or malformed
     */
    public static PeerHttpSettings from(Config config) {
        try {
            Config http = config.getConfig("mpj.node.http");
            int port = http.getInt("port");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("mpj.node.http.port must be 0 to 65535, not " + port);
            }
            return new PeerHttpSettings(http.getString("host"), port,
                expandHome(config.getString("mpj.node.state-dir")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid MPJ setting: " + e.getMessage(), e);
        }
    }

    /** The file holding the API token, in the state directory. */
    public Path tokenFile() {
        return stateDir.resolve(TOKEN_FILE_NAME);
    }

    private static Path expandHome(String directory) {
        if (directory.equals("~") || directory.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + directory.substring(1));
        }
        return Path.of(directory);
    }
}
