package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Both ends of a control connection over loopback: the launcher's end and the end a fake worker
 * (the test) speaks through, so that the launcher's side can be tested without worker JVMs.
 *
 * @param launcherEnd the launcher's end
 * @param workerEnd   the worker's end
 */
record FakeWorker(ControlChannel launcherEnd, ControlChannel workerEnd) implements AutoCloseable {

    static FakeWorker connect() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket worker = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            return new FakeWorker(new ControlChannel(server.accept()), new ControlChannel(worker));
        }
    }

    @Override
    public void close() {
        launcherEnd.close();
        workerEnd.close();
    }
}
