package org.mpjcluster.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.ShippedFile;
import org.mpjcluster.runtime.node.PeerNode;
import org.mpjcluster.runtime.node.TestPeers;

/**
 * The job routes of a real peer over loopback, fed what an untrusted network may send: each bad
 * request gets a clear error, nothing half-stored stays in the cache, and the peer keeps running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobRoutesTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEVER_UPLOADED = "0000000000000000000000000000000000000000000000000000000000000000";

    @TempDir
    static Path stateDir;
    private static PeerNode node;
    private static String token;
    private static Path cacheDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startPeer() throws Exception {
        node = TestPeers.start(TestPeers.freePort(), stateDir, List.of());
        token = Files.readString(stateDir.resolve("http-token")).strip();
        cacheDir = node.settings().cacheDir();
        TestPeers.await(LIMIT, "the peer lists itself with free slots",
            () -> TestPeers.peersOf(node).stream().anyMatch(peer -> peer.freeSlots() > 0));
    }

    @AfterAll
    static void stopPeer() {
        node.leave().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void answersNotFoundForABlobThePeerDoesNotHold() throws Exception {
        assertEquals(404, head("/api/blobs/" + NEVER_UPLOADED).statusCode());
    }

    @Test
    void storesAnUploadUnderItsSha256WithTheExactBytes() throws Exception {
        byte[] content = randomBytes(64 * 1024, 1);
        String sha = sha256(content);

        assertEquals(201, send("PUT", "/api/blobs/" + sha, BodyPublishers.ofByteArray(content)).statusCode());
        assertEquals(200, head("/api/blobs/" + sha).statusCode());
        assertArrayEquals(content, Files.readAllBytes(cacheDir.resolve(sha)));
    }

    @Test
    void refusesAnUploadWhoseContentHasAnotherSha256AndCachesNothing() throws Exception {
        byte[] content = randomBytes(1024, 2);
        String claimed = sha256(randomBytes(1024, 3));

        HttpResponse<String> response = send("PUT", "/api/blobs/" + claimed, BodyPublishers.ofByteArray(content));

        assertEquals(400, response.statusCode(), response::body);
        String error = errorOf(response);
        assertTrue(error.startsWith("the content received for blob " + claimed + " has SHA-256 " + sha256(content)),
            error);
        assertTrue(error.contains("nothing was cached"), error);
        assertEquals(404, head("/api/blobs/" + claimed).statusCode());
        assertEquals(List.of(), incomingFiles());
    }

    @ParameterizedTest
    @CsvSource({"xyz", "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "..%2F..%2Fhttp-token"})
    void refusesAMalformedBlobId(String id) throws Exception {
        assertEquals(400, head("/api/blobs/" + id).statusCode());
        HttpResponse<String> put = send("PUT", "/api/blobs/" + id, BodyPublishers.ofString("x"));
        assertEquals(400, put.statusCode(), put::body);
        assertTrue(errorOf(put).contains("64 lowercase hex digits"), put::body);
    }

    @Test
    void acceptsABlobLargerThanPekkoHttpsDefaultEntityLimit() throws Exception {
        byte[] content = randomBytes(12 * 1024 * 1024, 4);
        String sha = sha256(content);

        HttpResponse<String> response = send("PUT", "/api/blobs/" + sha, BodyPublishers.ofByteArray(content));

        assertEquals(201, response.statusCode(), response::body);
        assertArrayEquals(content, Files.readAllBytes(cacheDir.resolve(sha)));
    }

    @Test
    void deletesAnUploadCutOffMidway() throws Exception {
        try (Socket socket = new Socket(node.httpAddress().getAddress(), node.httpAddress().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/blobs/" + NEVER_UPLOADED + " HTTP/1.1\r\nHost: peer\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: 1048576\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[4096]);
            out.flush();
            TestPeers.await(LIMIT, "the upload is being received", () -> !incomingFiles().isEmpty());
        }
        TestPeers.await(LIMIT, "the half-received upload is deleted", () -> incomingFiles().isEmpty());
        assertEquals(404, head("/api/blobs/" + NEVER_UPLOADED).statusCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"ranks\": 1,", "not json", "[1, 2]", "{\"ranks\": \"many\"}", "null"})
    void refusesABodyThatIsNoJobSpec(String body) throws Exception {
        HttpRequest request = authorized("/api/jobs").header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode(), response::body);
        assertTrue(errorOf(response).startsWith("the request body is not a job spec as a JSON object: "), response::body);
        assertFalse(response.body().contains("\tat "), response::body);
    }

    @Test
    void endsAJobWithTooFewRanksAtOnceWithExitCode2() throws Exception {
        JsonNode finished = lastUpdate(submit(spec(0, List.of())));

        assertEquals(2, finished.get("exitCode").asInt(), finished::toString);
        assertTrue(finished.get("report").toString().contains("a job needs at least 1 rank, not 0"),
            finished::toString);
    }

    @Test
    void endsAJobShippingAFileOutsideItsWorkingDirectoryAtOnceWithExitCode2() throws Exception {
        List<String> updates = submit(spec(1, List.of(new ShippedFile("../outside", NEVER_UPLOADED))));

        assertEquals(1, updates.size(), updates::toString);
        JsonNode finished = lastUpdate(updates);
        assertEquals(2, finished.get("exitCode").asInt(), finished::toString);
        assertTrue(finished.get("report").toString().contains("a plain file name, not '../outside'"),
            finished::toString);
    }

    @Test
    void failsAJobWhoseJarTheClusterDoesNotHold() throws Exception {
        JsonNode finished = lastUpdate(submit(spec(1, List.of())));

        assertNotEquals(0, finished.get("exitCode").asInt(), finished::toString);
        String report = finished.get("report").toString();
        assertTrue(report.contains("cannot get the job's files"), report);
        assertTrue(report.contains("blob " + NEVER_UPLOADED + " is not in the cache"), report);
    }

    @Test
    void listsNoJobsWhenIdle() throws Exception {
        TestPeers.await(LIMIT, "no job is listed", () -> "[]".equals(uncheckedGet("/api/jobs").body()));
    }

    @Test
    void answersNotFoundWhenCancellingAJobThatDoesNotRun() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/jobs/nonexistent@127.0.0.1:1", BodyPublishers.noBody());

        assertEquals(404, response.statusCode(), response::body);
        assertEquals("no job nonexistent@127.0.0.1:1 runs on this cluster", errorOf(response));
    }

    @Test
    void answersNotFoundForInputToAJobThatDoesNotRun() throws Exception {
        HttpResponse<String> response = send("POST", "/api/jobs/nonexistent@127.0.0.1:1/input",
            BodyPublishers.ofString("some input\n"));

        assertEquals(404, response.statusCode(), response::body);
        assertEquals("job nonexistent@127.0.0.1:1 does not run, or its rank 0 asked for no input", errorOf(response));
    }

    @ParameterizedTest
    @CsvSource({"HEAD, /api/blobs/" + NEVER_UPLOADED, "PUT, /api/blobs/" + NEVER_UPLOADED, "POST, /api/jobs",
        "GET, /api/jobs", "DELETE, /api/jobs/nonexistent@127.0.0.1:1", "POST, /api/jobs/nonexistent@127.0.0.1:1/input",
        "GET, /api/peers"})
    void refusesEveryRouteWithoutTheToken(String method, String path) throws Exception {
        BodyPublisher body = List.of("PUT", "POST").contains(method) ? BodyPublishers.ofString("{}")
            : BodyPublishers.noBody();
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(LIMIT).method(method, body).build();

        assertEquals(401, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void keepsServingAfterAllThat() throws Exception {
        HttpResponse<String> peers = uncheckedGet("/api/peers");

        assertEquals(200, peers.statusCode(), peers::body);
        assertTrue(peers.body().contains(node.address()), peers::body);
    }

    private static JobSpec spec(int ranks, List<ShippedFile> files) {
        return new JobSpec(ranks, "spread", List.of(new ShippedFile("app.jar", NEVER_UPLOADED)), "app.Main", List.of(),
            files, List.of(), Map.of(), "", false, LIMIT.toMillis() / 2, null, null);
    }

    /** Submits {@code spec} and reads its whole stream of updates: one JSON object a line, heartbeats left out. */
    private List<String> submit(JobSpec spec) throws Exception {
        HttpRequest request = authorized("/api/jobs").header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(JSON.writeValueAsString(spec))).build();
        HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, response.statusCode(), response::body);
        return response.body().lines().filter(line -> !line.isBlank()).toList();
    }

    private static JsonNode lastUpdate(List<String> updates) throws IOException {
        JsonNode last = JSON.readTree(updates.get(updates.size() - 1));
        assertEquals("finished", last.get("type").asText(), updates::toString);
        return last;
    }

    private HttpResponse<String> head(String path) throws Exception {
        return send("HEAD", path, BodyPublishers.noBody());
    }

    private HttpResponse<String> uncheckedGet(String path) {
        try {
            return send("GET", path, BodyPublishers.noBody());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private HttpResponse<String> send(String method, String path, BodyPublisher body) throws Exception {
        return client.send(authorized(path).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(LIMIT).header("Authorization", "Bearer " + token);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpAddress().getPort() + path);
    }

    private static String errorOf(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).get("error").asText();
    }

    private static List<Path> incomingFiles() {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".incoming-")).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + cacheDir, e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
