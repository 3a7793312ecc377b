package org.mpjcluster.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import mpi.MPI;

/**
 * The limit for the tcp device: ranks 0 and 1, in two JVMs, bounce a message over a loopback
 * socket of their own with direct buffers, {@code TCP_NODELAY} and non-blocking reads and writes
 * that busy-poll. Rank 0 listens on an ephemeral port and sends it to rank 1 over MPI.
 */
final class NioSocketBaseline implements PingPongBaseline {

    private static final int PORT_TAG = 13;

    private final int rank;
    private final SocketChannel channel;
    private final ByteBuffer buffer;

    private NioSocketBaseline(int rank, SocketChannel channel, int bytes) throws IOException {
        this.rank = rank;
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bytes);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
    }

    static NioSocketBaseline open(int rank, int bytes) throws IOException {
        int[] port = new int[1];
        if (rank != 0) {
            MPI.COMM_WORLD.Recv(port, 0, 1, MPI.INT, 0, PORT_TAG);
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port[0]));
            return new NioSocketBaseline(rank, channel, bytes);
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            port[0] = ((InetSocketAddress) server.getLocalAddress()).getPort();
            MPI.COMM_WORLD.Send(port, 0, 1, MPI.INT, 1, PORT_TAG);
            return new NioSocketBaseline(rank, server.accept(), bytes);
        }
    }

    @Override
    public void measure(int count, int repetitions, Samples samples) throws IOException {
        for (int s = 0; s < count; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                if (rank == 0) {
                    send();
                    receive();
                } else {
                    receive();
                    send();
                }
            }
            if (samples != null) {
                samples.add((System.nanoTime() - start) / 1e3 / repetitions / 2);
            }
        }
    }

    private void send() throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void receive() throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the peer closed the baseline's socket");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
