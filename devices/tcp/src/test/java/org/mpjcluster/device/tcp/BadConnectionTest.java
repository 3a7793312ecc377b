package org.mpjcluster.device.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that fail the handshake or break the protocol are closed, and the real endpoints keep
 * exchanging messages. Endpoints 0 and 1 of a three-endpoint job are opened; the test plays
 * strangers and endpoint 2 over raw sockets.
 */
@Timeout(60)
class BadConnectionTest {

    private static final int ACCEPTOR = 1;
    private static final int UNOPENED = 2;
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    private final LoopbackJob job = new LoopbackJob(3, 0, 1);

    @AfterEach
    void close() {
        job.close();
    }

    @Test
    void closesAConnectionThatSendsGarbage() throws IOException {
        job.exchange(0, 1, 1);
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5A);
        assertClosedWithoutAnswer(garbage);
        job.exchange(0, 1, 2);
    }

    @Test
    void closesAConnectionWithTheWrongSecret() throws IOException {
        byte[] handshake = bytes(HandshakeDescriptor.encode(HandshakeDescriptor.CONNECT, UNOPENED,
            HandshakeDescriptor.Credentials.of(job.jobId, "not-the-secret")));
        assertClosedWithoutAnswer(handshake);
        job.exchange(0, 1, 3);
    }

    @Test
    void closesAConnectionWithTheWrongJobId() throws IOException {
        byte[] handshake = bytes(HandshakeDescriptor.encode(HandshakeDescriptor.CONNECT, UNOPENED,
            HandshakeDescriptor.Credentials.of("another-job", job.secret)));
        assertClosedWithoutAnswer(handshake);
        job.exchange(0, 1, 4);
    }

    @Test
    void closesAConnectionClaimingARankOutsideTheJobOrTheAcceptorsOwn() throws IOException {
        for (int rank : List.of(-1, 3, Integer.MAX_VALUE, ACCEPTOR)) {
            assertClosedWithoutAnswer(handshake(rank));
        }
        job.exchange(0, 1, 5);
    }

    @Test
    void closesAConnectionClaimingARankThatIsAlreadyConnected() throws IOException {
        job.exchange(0, 1, 6);
        assertClosedWithoutAnswer(handshake(0));
        job.exchange(0, 1, 7);
        assertEquals(List.of(), List.copyOf(job.sinks[ACCEPTOR].gone), "gone notices at the acceptor");
    }

    @Test
    void closesAndReportsAHandshakedPeerThatSendsAnOversizedFrame() throws IOException {
        try (Socket peer = handshaked()) {
            ByteBuffer header = ByteBuffer.allocate(FrameDescriptor.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0, 0x7FFF_FFF0).put(4, FrameDescriptor.TYPE_FRAME).put(6, (byte) 1);
            peer.getOutputStream().write(header.array());
            job.awaitUntil("the acceptor to drop rank 2", () -> !job.sinks[ACCEPTOR].gone.isEmpty());
            assertEndOfStream(peer.getInputStream());
        }
        String notice = job.sinks[ACCEPTOR].gone.peek();
        assertTrue(notice.startsWith(UNOPENED + ": sent a malformed frame: payload length"), notice);
        job.exchange(0, 1, 8);
    }

    @Test
    void reportsAPeerWhoseConnectionDropsWithoutGoodbyeAsLost() throws IOException {
        try (Socket peer = handshaked()) {
            peer.setSoLinger(true, 0);
        }
        job.awaitUntil("the acceptor to notice", () -> !job.sinks[ACCEPTOR].gone.isEmpty());
        String notice = job.sinks[ACCEPTOR].gone.peek();
        assertTrue(notice.startsWith(UNOPENED + ": connection lost"), notice);
        job.exchange(0, 1, 9);
    }

    @Test
    void reportsAPeerThatSaysGoodbyeAsFinished() throws IOException {
        try (Socket peer = handshaked()) {
            ByteBuffer goodbye = ByteBuffer.allocate(FrameDescriptor.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            FrameDescriptor.encodeGoodbye(goodbye);
            peer.getOutputStream().write(goodbye.array());
            job.awaitUntil("the acceptor to notice", () -> !job.sinks[ACCEPTOR].gone.isEmpty());
        }
        assertEquals(List.of(UNOPENED + ": finished"), List.copyOf(job.sinks[ACCEPTOR].gone));
        job.exchange(0, 1, 10);
    }

    /** A socket that has completed a handshake as endpoint 2 with the acceptor. */
    private Socket handshaked() throws IOException {
        Socket peer = connect();
        peer.getOutputStream().write(handshake(UNOPENED));
        byte[] fixed = peer.getInputStream().readNBytes(HandshakeDescriptor.FIXED_LENGTH);
        ByteBuffer answer = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(HandshakeDescriptor.ACCEPT, HandshakeDescriptor.intent(answer));
        peer.getInputStream().readNBytes(HandshakeDescriptor.totalLength(answer) - HandshakeDescriptor.FIXED_LENGTH);
        return peer;
    }

    private byte[] handshake(int rank) {
        return bytes(HandshakeDescriptor.encode(HandshakeDescriptor.CONNECT, rank, job.credentials()));
    }

    private void assertClosedWithoutAnswer(byte[] sent) throws IOException {
        try (Socket stranger = connect()) {
            stranger.getOutputStream().write(sent);
            assertEndOfStream(stranger.getInputStream());
        }
    }

    private static void assertEndOfStream(InputStream in) throws IOException {
        try {
            assertEquals(-1, in.read(), "the acceptor answered instead of closing");
        } catch (SocketException e) {
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    private Socket connect() throws IOException {
        String address = job.devices[ACCEPTOR].address();
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        socket.setSoTimeout(SOCKET_TIMEOUT_MS);
        return socket;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
