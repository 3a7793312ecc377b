package org.mpjcluster.device.shm;

import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.Frame;

/**
 * Moves frames between endpoints that are threads of one JVM: a send appends the frame, by
 * reference, to the receiver's {@link Inbox}; the receiver's threads deliver it when they poll.
 * Nothing is copied here: the engine copies rendezvous data once, straight from the sender's
 * array into the receiver's, and eager data once more (the sender's snapshot).
 */
final class ShmDevice implements Device {

    static final String NAME = "shm";

    private final DeviceContext context;
    private final ShmFabric fabric;
    private final Inbox inbox;
    private volatile boolean closed;

    ShmDevice(DeviceContext context, ShmFabric fabric) {
        this.context = context;
        this.fabric = fabric;
        this.inbox = fabric.attach(context.localEndpoint(), context.sink());
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
        Inbox target = fabric.inbox(endpoint);
        if (target == null || closed) {
            throw new DeviceException("endpoint " + endpoint + " is gone (shm device of endpoint "
                + context.localEndpoint() + (closed ? " is closed)" : ")"));
        }
        target.offer(context.localEndpoint(), frame);
    }

    @Override
    public int poll() {
        return inbox.drain();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        fabric.leave(context.localEndpoint(), context.colocated(),
            "endpoint " + context.localEndpoint() + " closed");
    }
}
