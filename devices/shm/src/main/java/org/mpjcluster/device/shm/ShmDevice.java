package org.mpjcluster.device.shm;

import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;

/**
 * Moves frames between endpoints that are threads of one JVM by calling the receiver's sink on
 * the sender's thread. Nothing is copied here: the engine copies once, from the sender's buffer
 * into the receiver's, and the device needs no progress thread.
 */
final class ShmDevice implements Device {

    static final String NAME = "shm";

    private final DeviceContext context;
    private final ShmFabric fabric;
    private volatile boolean closed;

    ShmDevice(DeviceContext context, ShmFabric fabric) {
        this.context = context;
        this.fabric = fabric;
        fabric.attach(context.localEndpoint(), context.sink());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(int endpoint) {
        return endpoint >= 0 && endpoint < context.endpointCount() && context.colocated().test(endpoint);
    }

    @Override
    public boolean sharesMemory() {
        return true;
    }

    @Override
    public void send(int endpoint, Frame frame) {
        if (endpoint < 0 || endpoint >= context.endpointCount()) {
            throw new DeviceException("endpoint " + endpoint + " is not in the job (endpoints 0.."
                + (context.endpointCount() - 1) + ")");
        }
        FrameSink sink = fabric.sink(endpoint);
        if (sink == null || closed) {
            throw new DeviceException("endpoint " + endpoint + " is gone (shm device of endpoint "
                + context.localEndpoint() + (closed ? " is closed)" : ")"));
        }
        sink.onFrame(context.localEndpoint(), frame);
    }

    @Override
    public int poll() {
        return 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        fabric.leave(context.localEndpoint(), "endpoint " + context.localEndpoint() + " closed");
    }
}
