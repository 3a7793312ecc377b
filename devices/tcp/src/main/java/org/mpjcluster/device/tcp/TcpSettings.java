package org.mpjcluster.device.tcp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mpjcluster.device.DeviceException;

/**
 * The settings of the tcp device ({@code mpj.device.tcp} in {@code reference.conf}, where every key
 * is explained). Keys the job does not set take the values of {@code reference.conf}, so the
 * defaults live in one place.
 *
 * @param bindAddress      the address to listen on and publish
 * @param ports            the ports that may be listened on
 * @param eagerLimitBytes  largest message sent eagerly
 * @param connectTimeout   longest connect plus handshake
 * @param lookupTimeout    longest wait for a peer's address
 * @param maxFrameBytes    largest frame body sent or accepted
 * @param writeSpinNs      how long a send retries a full socket before buffering
 */
record TcpSettings(String bindAddress, PortRange ports, int eagerLimitBytes, Duration connectTimeout,
                   Duration lookupTimeout, int maxFrameBytes, long writeSpinNs) {

    private static final String DEFAULTS_PATH = "mpj.device.tcp";

    /**
     * Reads the settings from {@code section} (the device's own section, possibly empty).
     *
     * @throws DeviceException naming the key if a value is malformed
     */
    static TcpSettings from(Config section) {
        Config config = section.withFallback(
            ConfigFactory.defaultReference(TcpSettings.class.getClassLoader()).getConfig(DEFAULTS_PATH));
        try {
            return new TcpSettings(config.getString("bind-address"),
                PortRange.parse(config.getString("port-range")),
                intBytes(config, "eager-limit"),
                config.getDuration("connect-timeout"),
                config.getDuration("lookup-timeout"),
                intBytes(config, "max-frame"),
                config.getDuration("write-spin", TimeUnit.NANOSECONDS));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new DeviceException("invalid " + DEFAULTS_PATH + " setting: " + e.getMessage());
        }
    }

    private static int intBytes(Config config, String key) {
        long bytes = config.getBytes(key);
        if (bytes < 0 || bytes > Integer.MAX_VALUE - FrameDescriptor.LENGTH) {
            throw new IllegalArgumentException(key + " must be between 0 and 2 GiB, not " + bytes + " bytes");
        }
        return (int) bytes;
    }
}
