package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import org.mpjcluster.device.DeviceException;

/** Opens the server socket of a device on the configured address and port range. */
final class Listener {

    private static final int BACKLOG = 128;

    private Listener() {
    }

    /**
     * A server socket bound to {@code settings}' address and to the first free port of its range.
     *
     * @throws DeviceException saying which address and ports were tried, if none is free
     */
    static ServerSocketChannel bind(TcpSettings settings) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.bindAddress());
        } catch (IOException e) {
            throw new DeviceException("mpj.device.tcp.bind-address " + settings.bindAddress()
                + " is not an address of this host: " + e.getMessage());
        }
        PortRange ports = settings.ports();
        for (int port = ports.first(); port <= ports.last(); port++) {
            ServerSocketChannel server = tryBind(address, port);
            if (server != null) {
                return server;
            }
        }
        throw new DeviceException("no free port to listen on at " + settings.bindAddress() + " (" + ports
            + " of mpj.device.tcp.port-range are taken); widen the range or stop the jobs holding them");
    }

    /** What the device publishes for peers to connect to: {@code host:port}. */
    static String publishedAddress(ServerSocketChannel server) throws IOException {
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLocalHost() : bound.getAddress();
        String text = host.getHostAddress();
        return (host instanceof Inet6Address ? "[" + text + "]" : text) + ":" + bound.getPort();
    }

    private static ServerSocketChannel tryBind(InetAddress address, int port) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(address, port), BACKLOG);
            return server;
        } catch (BindException e) {
            closeQuietly(server);
            return null;
        } catch (IOException e) {
            closeQuietly(server);
            throw new DeviceException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // Never bound; nothing to release.
            }
        }
    }
}
