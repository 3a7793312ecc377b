package org.mpjcluster.device;

/** Provides the {@code self} device: frames an endpoint sends to itself. */
public final class SelfDeviceProvider implements DeviceProvider {

    /** The device's name: all a job of one endpoint needs. */
    public static final String NAME = SelfDevice.NAME;

    @Override
    public String name() {
        return SelfDevice.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_SELF;
    }

    @Override
    public Device open(DeviceContext context) {
        return new SelfDevice(context);
    }
}
