package org.mpjcluster.device.tcp;

import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceProvider;

/**
 * Provides the {@code tcp} device: NIO sockets to every other endpoint of the job, wherever it
 * runs. Ranked after shm, so it carries only what no in-JVM device reaches.
 */
public final class TcpDeviceProvider implements DeviceProvider {

    @Override
    public String name() {
        return TcpDevice.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_SOCKET;
    }

    @Override
    public Device open(DeviceContext context) {
        return TcpDevice.open(context);
    }
}
