package org.mpjcluster.runtime.cli;

import java.util.ServiceLoader;
import org.mpjcluster.device.DeviceProvider;

/**
 * Whether the tcp device is on the runtime's class path. Ranks in different JVMs need it; tests
 * of such jobs are skipped (not failed) on a branch that does not have it yet.
 */
final class TcpDevice {

    private TcpDevice() {
    }

    static boolean available() {
        return ServiceLoader.load(DeviceProvider.class).stream().anyMatch(p -> p.get().name().equals("tcp"));
    }
}
