package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrun;
import static org.mpjcluster.runtime.cli.MpjRunLauncher.mpjrunWithJvmOptions;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.http.FixedPeerDirectory;
import org.mpjcluster.runtime.http.PeerHttpApi;
import org.mpjcluster.runtime.http.PeerHttpSettings;

/**
 * {@code mpjrun --cluster HOST:PORT --peers}, run as a process of its own against a real peer
 * HTTP API in this JVM that lists fixed peers.
 */
class MpjRunPeersTest {

    @TempDir
    static Path stateDir;

    private static ActorTestKit testKit;
    private static PeerHttpApi api;
    private static String token;

    @BeforeAll
    static void startApi() throws Exception {
        testKit = ActorTestKit.create();
        PeerHttpSettings settings = new PeerHttpSettings("127.0.0.1", 0, stateDir);
        ApiToken apiToken = ApiToken.loadOrCreate(settings.tokenFile());
        token = Files.readString(settings.tokenFile()).strip();
        api = PeerHttpApi.start(testKit.system(), settings, new FixedPeerDirectory(), apiToken, null, null)
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopApi() throws Exception {
        api.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        testKit.shutdownTestKit();
    }

    private static String cluster() {
        return "127.0.0.1:" + api.address().getPort();
    }

    @Test
    void printsARowPerPeerWithItsFacts() throws Exception {
        ProcessRun run = mpjrun("--cluster", cluster(), "--peers", "--token", token);

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdoutLines();
        assertEquals(3, lines.size(), run::describe);
        assertEquals(List.of("PEER", "CORES", "SLOTS", "FREE/ALL", "FREE", "MEMORY", "LOAD", "JAVA", "OS", "LATENCY"),
            List.of(lines.get(0).split("\\s+")), run::describe);
        assertEquals(List.of("10.0.0.1:25520", "8", "6/8", "3.5", "GiB", "0.25", "17.0.12", "Linux", "6.1", "amd64",
            "180", "us"), List.of(lines.get(1).split("\\s+")), run::describe);
        assertEquals(List.of("10.0.0.2:25520", "2", "0/4", "512.0", "MiB", "-", "21.0.4", "Mac", "OS", "X", "14.5",
            "aarch64", "950", "us", "-", "2.4", "ms"), List.of(lines.get(2).split("\\s+")), run::describe);
    }

    @Test
    void readsTheTokenFromTheStateDirectoryByDefault() throws Exception {
        ProcessRun run = mpjrunWithJvmOptions(List.of("-Dmpj.node.state-dir=" + stateDir), "--cluster", cluster(), "--peers");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(3, run.stdoutLines().size(), run::describe);
    }

    @Test
    void readsTheTokenFromATokenFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("token");
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ProcessRun run = mpjrun("--cluster", cluster(), "--peers", "--token-file", file.toString());

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(3, run.stdoutLines().size(), run::describe);
    }

    @Test
    void aHostfileAsksItsFirstPeerThatAnswers(@TempDir Path directory) throws Exception {
        String closed = "127.0.0.1:" + closedPort();
        Path hosts = Files.writeString(directory.resolve("hosts"), "# down for maintenance\n" + closed + " slots=4\n"
            + cluster() + "\n");

        ProcessRun run = mpjrun("--hostfile", hosts.toString(), "--peers", "--token", token, "-v");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(3, run.stdoutLines().size(), run::describe);
        assertTrue(run.stderr().contains("mpjrun: skipping " + closed + ": cannot connect to a peer at " + closed),
            run::describe);
        assertTrue(run.stderr().contains("mpjrun: using peer " + cluster() + ", the first of " + hosts + " that answered"),
            run::describe);
        assertTrue(run.stderr().contains("slots=N in " + hosts + " is ignored"), run::describe);
    }

    @Test
    void failsWithStatusOneWhenNoPeerOfTheHostfileAnswersSayingWhyForEach(@TempDir Path directory) throws Exception {
        String closed = "127.0.0.1:" + closedPort();
        Path hosts = Files.writeString(directory.resolve("hosts"), closed + "\n" + cluster() + "\n");

        ProcessRun run = mpjrun("--hostfile", hosts.toString(), "--jobs", "--token", "wrong-token");

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("mpjrun: no peer of the hostfile " + hosts + " answered:\n  " + closed
            + ": cannot connect"), run::describe);
        assertTrue(run.stderr().contains("\n  " + cluster() + ": the peer at " + cluster() + " refused the token"),
            run::describe);
    }

    /** A port of this host nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void failsWithStatusOneWhenThePeerRefusesTheToken() throws Exception {
        ProcessRun run = mpjrun("--cluster", cluster(), "--peers", "--token", "wrong-token");

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("refused the token; pass --token or --token-file, or run mpjrun on the "
            + "peer's host as its user"), run::describe);
        assertEquals("", run.stdout(), run::describe);
    }

    @Test
    void failsWithStatusOneWhenNoPeerListensAtTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ProcessRun run = mpjrun("--cluster", "127.0.0.1:" + closedPort, "--peers", "--token", token);

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("cannot connect to a peer at 127.0.0.1:" + closedPort), run::describe);
        assertFalse(run.stderr().contains("\tat "), run::describe);
    }

    @Test
    void failsWithStatusOneOnATokenFileOthersMayRead(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("token");
        Files.writeString(file, token);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ProcessRun run = mpjrun("--cluster", cluster(), "--peers", "--token-file", file.toString());

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("is open to others (rw-r--r--)"), run::describe);
    }

    @Test
    void failsWithStatusOneWhenTheAnswerIsNotAPeerList() throws Exception {
        HttpServer notAPeer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notAPeer.createContext("/", exchange -> {
            byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        notAPeer.start();
        try {
            String address = "127.0.0.1:" + notAPeer.getAddress().getPort();

            ProcessRun run = mpjrun("--cluster", address, "--peers", "--token", token);

            assertEquals(1, run.exitCode(), run::describe);
            assertTrue(run.stderr().contains("the peer at " + address + " sent a peer list mpjrun cannot read"),
                run::describe);
            assertFalse(run.stderr().contains("\tat "), run::describe);
        } finally {
            notAPeer.stop(0);
        }
    }
}
