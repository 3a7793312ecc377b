package org.mpjcluster.device;

/** Delivers frames an endpoint sends to itself, on the calling thread. */
final class SelfDevice implements Device {

    static final String NAME = "self";

    private final DeviceContext context;
    private volatile boolean closed;

    SelfDevice(DeviceContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(int endpoint) {
        return endpoint == context.localEndpoint();
    }

    @Override
    public boolean sharesMemory() {
        return true;
    }

    @Override
    public void send(int endpoint, Frame frame) {
        if (closed) {
            throw new DeviceException("self device of endpoint " + context.localEndpoint()
                + " is closed; cannot send to endpoint " + endpoint);
        }
        if (!reaches(endpoint)) {
            throw new DeviceException("self device of endpoint " + context.localEndpoint()
                + " cannot reach endpoint " + endpoint + "; it reaches only itself");
        }
        context.sink().onFrame(endpoint, frame);
    }

    @Override
    public int poll() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
