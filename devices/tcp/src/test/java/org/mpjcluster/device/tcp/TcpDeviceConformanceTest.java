package org.mpjcluster.device.tcp;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceProvider;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.SharedDirectory;
import org.mpjcluster.device.conformance.DeviceConformanceKit;

/** Runs the device conformance kit against the tcp device, all endpoints in this JVM over loopback. */
class TcpDeviceConformanceTest extends DeviceConformanceKit {

    @Override
    protected DeviceProvider provider() {
        return new TcpDeviceProvider();
    }

    /** Opens the endpoints with one shared directory and secret, as a launcher would wire them. */
    @Override
    protected List<Device> openJob(String jobId, int endpoints, List<FrameSink> sinks) {
        SharedDirectory directory = new SharedDirectory();
        String secret = DeviceContext.newSecret();
        List<Device> devices = new ArrayList<>();
        try {
            for (int endpoint = 0; endpoint < endpoints; endpoint++) {
                devices.add(provider().open(new DeviceContext(jobId, secret, endpoint, endpoints, peer -> true,
                    directory, ConfigFactory.empty(), sinks.get(endpoint))));
            }
        } catch (RuntimeException e) {
            devices.forEach(Device::close);
            throw e;
        }
        return devices;
    }
}
