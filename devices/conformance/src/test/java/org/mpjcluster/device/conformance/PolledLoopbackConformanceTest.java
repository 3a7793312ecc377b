package org.mpjcluster.device.conformance;

import org.mpjcluster.device.DeviceProvider;

/** Runs the kit against a device that delivers only when polled, as socket devices do. */
class PolledLoopbackConformanceTest extends DeviceConformanceKit {

    @Override
    protected DeviceProvider provider() {
        return new PolledLoopbackProvider();
    }
}
