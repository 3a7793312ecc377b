package org.mpjcluster.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control server admits the job's workers only: the right secret, an expected worker, once. */
class ControlServerTest {

    private static final String SECRET = "5ec2e7";

    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream refusals = new ByteArrayOutputStream();
    private ControlServer server;

    @BeforeEach
    void open() throws Exception {
        server = ControlServer.open(SECRET, 2, events, new PrintStream(refusals, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void admitsAWorkerWithTheSecretAndQueuesWhatItSends() throws Exception {
        try (ControlChannel worker = connect()) {
            worker.send(new ControlMessage.Hello(SECRET, 1));
            worker.send(new ControlMessage.Published(List.of()));

            JobEvent.Connected connected = assertInstanceOf(JobEvent.Connected.class, events.poll(5, TimeUnit.SECONDS));
            assertEquals(1, connected.worker());
            JobEvent.Received received = assertInstanceOf(JobEvent.Received.class, events.poll(5, TimeUnit.SECONDS));
            assertEquals(new ControlMessage.Published(List.of()), received.message());
        }
    }

    /**
     * The JVM's end is often observed before the reader has taken its last frames off the socket
     * (its outcomes, sent just before it exited): the exit must still come after them, or a worker
     * that finished would be judged dead.
     */
    @Test
    void queuesAWorkersExitAfterEverythingItSentEvenIfTheExitIsSeenFirst() throws Exception {
        ControlMessage.Outcome outcome = new ControlMessage.Outcome(0, 0, "");
        try (ControlChannel worker = connect()) {
            worker.send(new ControlMessage.Hello(SECRET, 0));
            assertInstanceOf(JobEvent.Connected.class, events.poll(5, TimeUnit.SECONDS));

            server.exited(0, 0);
            worker.send(outcome);
        }

        JobEvent.Received received = assertInstanceOf(JobEvent.Received.class, events.poll(5, TimeUnit.SECONDS));
        assertEquals(outcome, received.message());
        assertEquals(new JobEvent.Exited(0, 0), events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void queuesTheExitOfAWorkerThatNeverConnectedAtOnce() throws Exception {
        server.exited(1, 137);

        assertEquals(new JobEvent.Exited(1, 137), events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void closesAConnectionWithTheWrongSecret() throws Exception {
        try (ControlChannel stranger = connect()) {
            stranger.send(new ControlMessage.Hello("guess", 0));

            assertClosed(stranger);
        }
        assertTrue(refusals.toString(StandardCharsets.UTF_8).contains("did not present the job's secret"));
    }

    @Test
    void admitsEachWorkerOnceAndNoWorkerOutsideTheJob() throws Exception {
        try (ControlChannel worker = connect(); ControlChannel twin = connect(); ControlChannel extra = connect()) {
            worker.send(new ControlMessage.Hello(SECRET, 0));
            assertInstanceOf(JobEvent.Connected.class, events.poll(5, TimeUnit.SECONDS));
            twin.send(new ControlMessage.Hello(SECRET, 0));
            extra.send(new ControlMessage.Hello(SECRET, 2));

            assertClosed(twin);
            assertClosed(extra);
        }
        assertTrue(refusals.toString(StandardCharsets.UTF_8).contains("worker 2 is not expected"));
    }

    @Test
    void closesAConnectionThatSendsNoFrame() throws Exception {
        try (Socket stranger = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            stranger.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThrows(IOException.class, () -> {
                if (stranger.getInputStream().read() == -1) {
                    throw new EOFException();
                }
            }, "the connection stayed open");
        }
    }

    private ControlChannel connect() throws Exception {
        return new ControlChannel(new Socket(InetAddress.getLoopbackAddress(), server.port()));
    }

    private void assertClosed(ControlChannel channel) throws Exception {
        channel.receiveTimeoutMillis(5000);
        try {
            channel.receive();
        } catch (EOFException expected) {
            assertNull(events.poll(100, TimeUnit.MILLISECONDS), "a refused connection produced an event");
            return;
        }
        throw new AssertionError("the connection stayed open");
    }
}
