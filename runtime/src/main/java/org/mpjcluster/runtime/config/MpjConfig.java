package org.mpjcluster.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mpjcluster.engine.EngineSettings;

/**
 * The {@code mpj} settings: {@code reference.conf} from cluster-config, overridden by an
 * {@code application.conf} and by {@code -D} system properties. Parsed once into immutable
 * settings objects.
 *
 * @param engine         settings of the engine
 * @param abortGrace     how long ranks get to stop after the job fails
 * @param startTimeout   how long the worker JVMs of {@code mpjrun --processes} get to start and
 *                       publish their addresses
 * @param rankStackBytes stack size of each rank's thread in bytes; 0 for the JVM's default
 * @param deviceSettings the {@code mpj.device} section, one sub-section per device, handed to the
 *                       devices as they open
 */
public record MpjConfig(EngineSettings engine, Duration abortGrace, Duration startTimeout, long rankStackBytes,
                        Config deviceSettings) {

    /** Loads the settings the usual way (reference, application, system properties). */
    public static MpjConfig load() {
        return from(ConfigFactory.load());
    }

    /**
     * Reads the settings from {@code config}.
     *
     * @throws IllegalArgumentException naming the key if a value is missing or malformed
     */
    public static MpjConfig from(Config config) {
        try {
            Config engine = config.getConfig("mpj.engine");
            long eagerLimit = engine.getBytes("eager-limit");
            if (eagerLimit > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("mpj.engine.eager-limit must be below 2 GiB, not " + eagerLimit + " bytes");
            }
            return new MpjConfig(
                new EngineSettings((int) eagerLimit,
                    engine.getDuration("spin", TimeUnit.NANOSECONDS),
                    engine.getDuration("yield", TimeUnit.NANOSECONDS),
                    engine.getDuration("max-park", TimeUnit.NANOSECONDS),
                    engine.getBoolean("in-memory-collectives")),
                config.getDuration("mpj.launcher.abort-grace"),
                config.getDuration("mpj.launcher.start-timeout"),
                config.getBytes("mpj.launcher.rank-stack-size"),
                config.getConfig("mpj.device"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid MPJ setting: " + e.getMessage(), e);
        }
    }
}
