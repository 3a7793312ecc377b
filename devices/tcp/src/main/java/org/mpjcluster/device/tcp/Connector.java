package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.mpjcluster.device.EndpointDirectory;

/**
 * Opens connections to peers on the sending thread: looks the peer's address up, connects, and
 * runs the connecting side of the handshake, each step bounded by a deadline.
 */
final class Connector {

    /** First pause before retrying a failed attempt; short, since most causes pass at once. */
    private static final long FIRST_RETRY_PAUSE_NS = 1_000_000L;
    /** Longest pause between attempts, so that a peer that comes back is reached soon. */
    private static final long LAST_RETRY_PAUSE_NS = 100_000_000L;

    /** The peer closed the handshake without an answer or answered wrongly: it means it, so no retry. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final int local;
    private final HandshakeDescriptor.Credentials credentials;
    private final EndpointDirectory directory;
    private final TcpSettings settings;

    Connector(int local, HandshakeDescriptor.Credentials credentials, EndpointDirectory directory,
              TcpSettings settings) {
        this.local = local;
        this.credentials = credentials;
        this.directory = directory;
        this.settings = settings;
    }

    /**
     * Connects to {@code peer} and asks to carry frames. Returns the socket, non-blocking, if the
     * peer accepted, or {@code null} if it declined because its own connection to us wins, or if
     * {@code wanted} turned false (the peer's connection was installed, the peer said farewell, or
     * the job ended).
     *
     * <p>An attempt that fails at the socket level (refused, reset) is retried until the connect
     * timeout: a loaded peer, a listen queue or a peer that is just closing its device may cause
     * it, and a closing peer's farewell, which ends {@code wanted}, is the truthful answer. A peer
     * whose process died says no farewell; the job's end, which the launcher declares when it sees
     * the process exit, ends {@code wanted} then. A deliberate refusal (closed without an answer,
     * or a wrong answer) is not retried.
     *
     * @throws IOException naming what failed, if the peer cannot be reached or answers wrongly
     */
    SocketChannel connect(int peer, BooleanSupplier wanted) throws IOException {
        String address = directory.lookup(TcpDevice.NAME, peer, settings.lookupTimeout());
        long deadlineNs = System.nanoTime() + settings.connectTimeout().toNanos();
        long pauseNs = FIRST_RETRY_PAUSE_NS;
        while (true) {
            try {
                return attempt(peer, address, deadlineNs);
            } catch (Refused | SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (System.nanoTime() + pauseNs - deadlineNs >= 0) {
                    throw e;
                }
            }
            LockSupport.parkNanos(pauseNs);
            pauseNs = Math.min(2 * pauseNs, LAST_RETRY_PAUSE_NS);
            if (!wanted.getAsBoolean()) {
                return null;
            }
        }
    }

    private SocketChannel attempt(int peer, String address, long deadlineNs) throws IOException {
        SocketChannel channel = open(address, deadlineNs);
        try {
            write(channel, HandshakeDescriptor.encode(HandshakeDescriptor.CONNECT, local, credentials));
            byte answer = readAnswer(channel, peer, address, deadlineNs);
            if (answer == HandshakeDescriptor.ACCEPT) {
                return channel;
            }
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Tells {@code peer}, listening at {@code address}, that this endpoint is leaving: for peers it
     * never connected to, which would otherwise not hear of it.
     */
    void farewell(int peer, String address) throws IOException {
        long deadlineNs = System.nanoTime() + settings.connectTimeout().toNanos();
        try (SocketChannel channel = open(address, deadlineNs)) {
            write(channel, HandshakeDescriptor.encode(HandshakeDescriptor.FAREWELL, local, credentials));
            channel.shutdownOutput();
        }
    }

    private static SocketChannel open(String address, long deadlineNs) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(parse(address), millisUntil(deadlineNs));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    /** A fresh socket takes a handshake at once; a peer that does not read it fails later. */
    private static void write(SocketChannel channel, ByteBuffer handshake) throws IOException {
        channel.write(handshake);
        if (handshake.hasRemaining()) {
            throw new IOException("the socket did not take a " + handshake.limit() + "-byte handshake");
        }
    }

    private byte readAnswer(SocketChannel channel, int peer, String address, long deadlineNs) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(HandshakeDescriptor.FIXED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            readFully(channel, fixed, selector, deadlineNs, address);
            String violation = HandshakeDescriptor.violation(fixed);
            if (violation != null) {
                throw new Refused(address + " answered with " + violation);
            }
            ByteBuffer whole = ByteBuffer.allocate(HandshakeDescriptor.totalLength(fixed)).order(ByteOrder.LITTLE_ENDIAN);
            whole.put(fixed.flip());
            readFully(channel, whole, selector, deadlineNs, address);
            byte intent = HandshakeDescriptor.intent(whole);
            if (!HandshakeDescriptor.matches(whole, credentials) || HandshakeDescriptor.rank(whole) != peer
                || (intent != HandshakeDescriptor.ACCEPT && intent != HandshakeDescriptor.DECLINE)) {
                throw new Refused(address + " is not endpoint " + peer + " of this job");
            }
            return intent;
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer, Selector selector, long deadlineNs,
                                  String address) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new Refused(address + " closed the connection during the handshake");
            }
            if (read == 0) {
                long left = millisUntil(deadlineNs);
                if (selector.select(left) == 0 && System.nanoTime() - deadlineNs >= 0) {
                    throw new SocketTimeoutException(address + " did not complete the handshake in time");
                }
                selector.selectedKeys().clear();
            }
        }
    }

    private static int millisUntil(long deadlineNs) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("the connect timeout has passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** {@code host:port}, with IPv6 hosts in brackets. */
    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address " + address + " is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
    }
}
