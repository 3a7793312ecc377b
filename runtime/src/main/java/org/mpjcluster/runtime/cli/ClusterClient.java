package org.mpjcluster.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * {@code mpjrun}'s side of a peer's HTTP API, over the JDK's HTTP client: {@code mpjrun.jar}
 * leaves Pekko out, so that it starts quickly.
 */
final class ClusterClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final TypeReference<List<PeerFacts>> PEER_LIST = new TypeReference<>() { };

    private final String peer;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    // a newer peer may tell more than this mpjrun knows; what it knows is still worth showing
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ClusterClient(String peer, URI base) {
        this.peer = peer;
        this.base = base;
    }

    /**
     * A client of the peer whose HTTP API listens at {@code hostPort}.
     *
     * @throws IllegalArgumentException if {@code hostPort} is not {@code HOST:PORT}
     */
    static ClusterClient at(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String problem = "--cluster takes the HTTP address of a peer as HOST:PORT (such as 127.0.0.1:8558), not '"
            + hostPort + "'";
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(problem);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            URI base = new URI("http", null, hostPort.substring(0, colon), port, "/", null, null);
            if (port < 1 || port > 65535 || base.getHost() == null) {
                throw new IllegalArgumentException(problem);
            }
            return new ClusterClient(hostPort, base);
        } catch (NumberFormatException | URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    /**
     * The facts of the cluster's peers, as this peer knows them, asked for with {@code token}.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or answers
     *                          something that is not a peer list
     */
    List<PeerFacts> peers(ApiToken token) throws ClusterException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/peers"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", token.bearerHeaderValue())
            .header("Accept", "application/json")
            .GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401) {
            throw new ClusterException("the peer at " + peer + " refused the token; pass --token or --token-file, "
                + "or run mpjrun on the peer's host as its user");
        }
        if (response.statusCode() != 200) {
            throw new ClusterException("the peer at " + peer + " answered HTTP " + response.statusCode()
                + " to GET /api/peers: " + response.body());
        }
        try {
            return json.readValue(response.body(), PEER_LIST);
        } catch (JsonProcessingException e) {
            throw new ClusterException("the peer at " + peer + " sent a peer list mpjrun cannot read ("
                + e.getOriginalMessage() + "); is " + peer + " the HTTP port of an mpj-node of the same version?");
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws ClusterException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ClusterException("the peer at " + peer + " did not answer in time (" + e.getMessage()
                + "); is it overloaded, or is a firewall dropping the connection?");
        } catch (ConnectException e) {
            throw new ClusterException("cannot connect to a peer at " + peer
                + "; is mpj-node running there, and is that the port of its HTTP API (mpj.node.http.port)?");
        } catch (IOException e) {
            throw new ClusterException("lost the connection to the peer at " + peer + ": " + e
                + "; is that the port of an mpj-node's HTTP API (mpj.node.http.port)?");
        }
    }

    /** Why a request to the peer failed, said for the user. */
    static final class ClusterException extends Exception {

        private static final long serialVersionUID = 1L;

        ClusterException(String message) {
            super(message);
        }
    }
}
