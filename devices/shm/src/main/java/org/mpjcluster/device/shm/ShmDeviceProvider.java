package org.mpjcluster.device.shm;

import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceProvider;

/** Provides the {@code shm} device: endpoints that are threads of this JVM. */
public final class ShmDeviceProvider implements DeviceProvider {

    @Override
    public String name() {
        return ShmDevice.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_SHARED_MEMORY;
    }

    @Override
    public Device open(DeviceContext context) {
        ShmFabric fabric = ShmFabric.join(context.jobId(), context.endpointCount());
        try {
            return new ShmDevice(context, fabric);
        } catch (RuntimeException e) {
            fabric.release();
            throw e;
        }
    }
}
