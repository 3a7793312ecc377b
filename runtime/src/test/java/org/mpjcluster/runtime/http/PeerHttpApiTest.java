package org.mpjcluster.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpjcluster.runtime.node.PeerFacts;

/** The peer's HTTP API on a real pekko-http server, with a directory of fixed peers. */
class PeerHttpApiTest {

    private static final ApiToken TOKEN = ApiToken.of("right-token");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ActorTestKit testKit;
    private static PeerHttpApi api;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startApi() throws Exception {
        testKit = ActorTestKit.create();
        api = PeerHttpApi.start(testKit.system(), new PeerHttpSettings("127.0.0.1", 0, Path.of("unused")),
            new FixedPeerDirectory(), TOKEN, null, null).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopApi() throws Exception {
        api.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        testKit.shutdownTestKit();
    }

    @Test
    void listsThePeersFactsAsJsonToARequestWithTheToken() throws Exception {
        HttpResponse<String> response = get("/api/peers", Optional.of("Bearer right-token"));

        assertEquals(200, response.statusCode(), response::body);
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals(FixedPeerDirectory.PEERS, JSON.readValue(response.body(), new TypeReference<List<PeerFacts>>() { }));
        assertTrue(response.body().contains("\"freeMemoryBytes\":3758096384"), response::body);
        assertTrue(response.body().contains("\"latencyMicros\":{\"10.0.0.2:25520\":180}"), response::body);
    }

    @Test
    void refusesARequestWithoutTheTokenWithAChallenge() throws Exception {
        assertRefused(get("/api/peers", Optional.empty()));
    }

    @Test
    void refusesARequestWithAWrongToken() throws Exception {
        assertRefused(get("/api/peers", Optional.of("Bearer wrong-token")));
        assertRefused(get("/api/peers", Optional.of("Basic right-token")));
    }

    @Test
    void hidesWhichApiPathsExistFromARequestWithoutTheToken() throws Exception {
        assertRefused(get("/api/no-such-thing", Optional.empty()));
    }

    @Test
    void answersNotFoundForAnUnknownPath() throws Exception {
        assertEquals(404, get("/api/no-such-thing", Optional.of("Bearer right-token")).statusCode());
        assertEquals(404, get("/index.html", Optional.empty()).statusCode());
    }

    @Test
    void listensOnlyOnTheConfiguredAddress() {
        assertEquals("127.0.0.1", api.address().getAddress().getHostAddress());
        assertTrue(api.address().getPort() > 0);
    }

    private static void assertRefused(HttpResponse<String> response) throws IOException {
        assertEquals(401, response.statusCode(), response::body);
        assertEquals(Optional.of("Bearer realm=\"mpj\""), response.headers().firstValue("WWW-Authenticate"));
        Map<?, ?> error = JSON.readValue(response.body(), Map.class);
        assertTrue(String.valueOf(error.get("error")).contains("API token"), response::body);
    }

    private HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + api.address().getPort() + path)).timeout(Duration.ofSeconds(10));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
