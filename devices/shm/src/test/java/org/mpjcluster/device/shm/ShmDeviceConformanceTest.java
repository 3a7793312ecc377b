package org.mpjcluster.device.shm;

import org.mpjcluster.device.DeviceProvider;
import org.mpjcluster.device.conformance.DeviceConformanceKit;

/** Runs the device conformance kit against the shm device. */
class ShmDeviceConformanceTest extends DeviceConformanceKit {

    @Override
    protected DeviceProvider provider() {
        return new ShmDeviceProvider();
    }
}
