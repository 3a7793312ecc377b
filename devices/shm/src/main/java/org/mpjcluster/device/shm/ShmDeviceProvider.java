package org.mpjcluster.device.shm;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceProvider;

/** Provides the {@code shm} device: endpoints that are threads of this JVM. */
public final class ShmDeviceProvider implements DeviceProvider {

    private static final String SETTINGS = "mpj.device.shm";
    private static final long MIN_RING_BYTES = 1024;
    private static final long MAX_RING_BYTES = 1 << 30;

    @Override
    public String name() {
        return ShmDevice.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_SHARED_MEMORY;
    }

    /**
     * The {@code ring-size} setting, defaulting to this module's {@code reference.conf}.
     *
     * @throws IllegalArgumentException if it is not a power of two within the supported range
     */
    static int ringBytes(DeviceContext context) {
        Config settings = context.settingsOf(ShmDevice.NAME)
            .withFallback(ConfigFactory.defaultReference(ShmDeviceProvider.class.getClassLoader()).getConfig(SETTINGS));
        long bytes = settings.getBytes("ring-size");
        if (bytes < MIN_RING_BYTES || bytes > MAX_RING_BYTES || Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException(SETTINGS + ".ring-size must be a power of two from "
                + MIN_RING_BYTES + " bytes to " + MAX_RING_BYTES / (1024 * 1024) + " MiB, not " + bytes + " bytes");
        }
        return (int) bytes;
    }

    @Override
    public Device open(DeviceContext context) {
        ShmFabric fabric = ShmFabric.join(context.jobId(), context.endpointCount(), ringBytes(context));
        try {
            return new ShmDevice(context, fabric);
        } catch (RuntimeException e) {
            fabric.release();
            throw e;
        }
    }
}
