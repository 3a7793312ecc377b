package org.mpjcluster.device.shm;

import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.Frame;

/**
 * Moves frames between endpoints that are threads of one JVM. A send appends the frame to the
 * {@link Channel} from this endpoint to the receiver, copying small payloads into the channel's
 * ring and passing large ones by reference; the receiver's threads deliver it when they poll. The
 * engine thus copies a large message once, straight from the sender's array into the receiver's.
 */
final class ShmDevice implements Device {

    static final String NAME = "shm";

    private final DeviceContext context;
    private final ShmFabric fabric;
    private final Inbox inbox;
    /** This endpoint's sending ends, by receiver; created on first send. */
    private final Outlet[] outlets;
    private volatile boolean closed;

    ShmDevice(DeviceContext context, ShmFabric fabric) {
        this.context = context;
        this.fabric = fabric;
        this.inbox = fabric.attach(context.localEndpoint(), context.sink());
        this.outlets = new Outlet[context.endpointCount()];
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
    public boolean passesByReference(int byteSize) {
        return byteSize > fabric.inlinePayloadLimit();
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
        outletTo(endpoint, target).send(frame);
    }

    private Outlet outletTo(int endpoint, Inbox target) {
        Outlet outlet = outlets[endpoint];
        return outlet != null ? outlet : createOutlet(endpoint, target);
    }

    /** Threads of this endpoint may race to the first send to a peer; one outlet must win. */
    private synchronized Outlet createOutlet(int endpoint, Inbox target) {
        if (outlets[endpoint] == null) {
            outlets[endpoint] = new Outlet(target.channelFrom(context.localEndpoint()), target);
        }
        return outlets[endpoint];
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
