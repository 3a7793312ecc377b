package org.mpjcluster.runtime.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;

/** One end of a control connection: sends and receives {@link ControlMessage}s, from any thread. */
final class ControlChannel implements ControlSink, AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    ControlChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Sends {@code message}; threads sending at once send whole frames one after the other. */
    synchronized void send(ControlMessage message) throws IOException {
        ControlDescriptor.writeFrame(out, message);
        out.flush();
    }

    /** Sends {@code message} if the connection is still up; a peer that is gone needs no more messages. */
    @Override
    public void sendIfOpen(ControlMessage message) {
        try {
            send(message);
        } catch (IOException e) {
            // The peer is gone; whoever reads from it learns that from the end of its stream.
        }
    }

    /** The next message; throws {@link java.io.EOFException} when the peer has closed the connection. */
    ControlMessage receive() throws IOException {
        return ControlDescriptor.readFrame(in);
    }

    /** Limits how long {@link #receive} waits, in milliseconds (0: no limit). */
    void receiveTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Stops receiving: a thread blocked in {@link #receive} sees the end of the stream. A JVM
     * should do this before it exits, since exiting waits up to 300 ms for threads blocked in a
     * system call.
     */
    void shutdownInput() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            // Closed already: nothing is received any more either way.
        }
    }

    /** The peer's address, for messages. */
    String peer() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is the last thing done with the connection; nothing is left to lose.
        }
    }
}
