package org.mpjcluster.device.conformance;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.DeviceProvider;
import org.mpjcluster.device.Frame;

/**
 * A reference device shaped like a socket device, to check the kit itself: {@code send} copies the
 * payload and queues it, frames and gone notices reach the sink only inside the receiver's
 * {@code poll()}, and a delivered payload is overwritten as soon as {@code onFrame} returns.
 */
public final class PolledLoopbackProvider implements DeviceProvider {

    private static final ConcurrentMap<String, Wire> WIRES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "polled-loopback";
    }

    @Override
    public int priority() {
        return PRIORITY_RELAYED;
    }

    @Override
    public Device open(DeviceContext context) {
        Wire wire = WIRES.computeIfAbsent(context.jobId(), id -> new Wire(context.endpointCount()));
        return new PolledDevice(context, wire);
    }

    /** A frame (with a copy of its body) or, when {@code goneReason} is set, a gone notice. */
    private record Item(int source, Frame frame, byte[] body, String goneReason) {
    }

    /** What is in flight between the endpoints of one job. */
    private static final class Wire {
        final List<Queue<Item>> inboxes;
        final AtomicIntegerArray closed;
        final AtomicInteger open;

        Wire(int endpoints) {
            inboxes = IntStream.range(0, endpoints)
                .<Queue<Item>>mapToObj(i -> new ConcurrentLinkedQueue<>()).toList();
            closed = new AtomicIntegerArray(endpoints);
            open = new AtomicInteger(endpoints);
        }
    }

    private static final class PolledDevice implements Device {
        private final DeviceContext context;
        private final Wire wire;
        private byte[] receiveBuffer = new byte[0];

        PolledDevice(DeviceContext context, Wire wire) {
            this.context = context;
            this.wire = wire;
        }

        @Override
        public String name() {
            return "polled-loopback";
        }

        @Override
        public boolean reaches(int endpoint) {
            return endpoint >= 0 && endpoint < context.endpointCount();
        }

        @Override
        public boolean sharesMemory() {
            return false;
        }

        @Override
        public void send(int endpoint, Frame frame) {
            if (wire.closed.get(context.localEndpoint()) != 0) {
                throw new DeviceException("endpoint " + context.localEndpoint() + " is closed");
            }
            if (!reaches(endpoint) || wire.closed.get(endpoint) != 0) {
                throw new DeviceException("endpoint " + endpoint + " is gone");
            }
            byte[] body = null;
            if (frame.payload() != null) {
                body = new byte[frame.payload().byteSize()];
                frame.payload().copyTo(0, ByteBuffer.wrap(body), 0, body.length);
            }
            wire.inboxes.get(endpoint).add(new Item(context.localEndpoint(), frame, body, null));
        }

        @Override
        public int poll() {
            int work = 0;
            Item item;
            while ((item = wire.inboxes.get(context.localEndpoint()).poll()) != null) {
                deliver(item);
                work++;
            }
            return work;
        }

        private void deliver(Item item) {
            if (item.goneReason() != null) {
                context.sink().onEndpointGone(item.source(), item.goneReason());
                return;
            }
            Frame frame = item.frame();
            byte[] body = item.body();
            if (body != null) {
                receiveBuffer = receiveBuffer.length >= body.length ? receiveBuffer : new byte[body.length];
                System.arraycopy(body, 0, receiveBuffer, 0, body.length);
                frame = new Frame(frame.kind(), frame.context(), frame.source(), frame.tag(), frame.sequence(),
                    frame.elementCount(), frame.byteSize(), frame.sendHandle(), frame.receiveHandle(),
                    BytePayload.wrap(receiveBuffer, 0, body.length));
            }
            context.sink().onFrame(item.source(), frame);
            Arrays.fill(receiveBuffer, (byte) 0x55);
        }

        @Override
        public void close() {
            int local = context.localEndpoint();
            if (!wire.closed.compareAndSet(local, 0, 1)) {
                return;
            }
            for (int other = 0; other < wire.inboxes.size(); other++) {
                if (other != local) {
                    wire.inboxes.get(other).add(new Item(local, null, null, "endpoint " + local + " closed"));
                }
            }
            if (wire.open.decrementAndGet() == 0) {
                WIRES.values().remove(wire);
            }
        }
    }
}
