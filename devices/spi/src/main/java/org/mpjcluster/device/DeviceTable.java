package org.mpjcluster.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * The devices opened for one endpoint and, for every peer, the best-ranked device reaching it.
 */
public final class DeviceTable implements AutoCloseable {

    private final List<Device> opened;
    private final Device[] byEndpoint;
    private final Device[] pollable;

    private DeviceTable(List<Device> opened, Device[] byEndpoint) {
        this.opened = List.copyOf(opened);
        this.byEndpoint = byEndpoint;
        this.pollable = opened.toArray(new Device[0]);
    }

    /**
     * Opens every provider found with {@link ServiceLoader} whose name {@code allowed} accepts,
     * in priority order, and assigns each endpoint the first device that reaches it.
     *
     * @throws DeviceException if some endpoint is reached by no device
     */
    public static DeviceTable open(DeviceContext context, Predicate<String> allowed) {
        List<DeviceProvider> providers = new ArrayList<>();
        ServiceLoader.load(DeviceProvider.class, DeviceTable.class.getClassLoader())
            .forEach(providers::add);
        return open(context, providers, allowed);
    }

    /**
     * Like {@link #open(DeviceContext, Predicate)} with an explicit list of providers, in any
     * order. If a provider fails to open, the devices already opened are closed.
     */
    public static DeviceTable open(DeviceContext context, List<DeviceProvider> providers,
                                   Predicate<String> allowed) {
        List<DeviceProvider> ranked = new ArrayList<>(providers);
        ranked.sort(Comparator.comparingInt(DeviceProvider::priority));
        List<Device> opened = new ArrayList<>();
        Device[] byEndpoint = new Device[context.endpointCount()];
        try {
            for (DeviceProvider provider : ranked) {
                if (allowed.test(provider.name())) {
                    assign(provider.open(context), byEndpoint, opened);
                }
            }
            for (int endpoint = 0; endpoint < byEndpoint.length; endpoint++) {
                if (byEndpoint[endpoint] == null) {
                    throw new DeviceException("no device reaches endpoint " + endpoint + " from endpoint "
                        + context.localEndpoint() + "; devices tried: " + ranked.stream()
                        .map(DeviceProvider::name).filter(allowed).toList());
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(Device::close);
            throw e;
        }
        return new DeviceTable(opened, byEndpoint);
    }

    /** Gives {@code device} the endpoints no better device reaches; closes it if there are none. */
    private static void assign(Device device, Device[] byEndpoint, List<Device> opened) {
        boolean used = false;
        for (int endpoint = 0; endpoint < byEndpoint.length; endpoint++) {
            if (byEndpoint[endpoint] == null && device.reaches(endpoint)) {
                byEndpoint[endpoint] = device;
                used = true;
            }
        }
        if (used) {
            opened.add(device);
        } else {
            device.close();
        }
    }

    /**
     * The device that carries frames to {@code endpoint}.
     *
     * @throws DeviceException if {@code endpoint} is not an endpoint of the job
     */
    public Device to(int endpoint) {
        if (endpoint < 0 || endpoint >= byEndpoint.length) {
            throw new DeviceException("endpoint " + endpoint + " is not in the job (endpoints 0.."
                + (byEndpoint.length - 1) + ")");
        }
        return byEndpoint[endpoint];
    }

    /** Polls every opened device once; returns the total work done. */
    public int poll() {
        int work = 0;
        for (Device device : pollable) {
            work += device.poll();
        }
        return work;
    }

    /** Tells every opened device that the endpoint is about to park (see {@link Device#armWake()}). */
    public void armWake() {
        for (Device device : pollable) {
            device.armWake();
        }
    }

    /** Names of the opened devices, best-ranked first. */
    public List<String> names() {
        return opened.stream().map(Device::name).toList();
    }

    @Override
    public void close() {
        opened.forEach(Device::close);
    }
}
