package org.mpjcluster.runtime.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.JobSummary;
import org.mpjcluster.runtime.job.JobUpdate;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * A client of a peer's HTTP API, over the JDK's HTTP client (no Pekko, so that {@code mpjrun}
 * and applications that submit jobs start quickly): lists the cluster's peers and jobs, ships
 * files, submits and cancels jobs. {@link ClusterJob} runs a whole job through it.
 */
public final class ClusterClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final TypeReference<List<PeerFacts>> PEER_LIST = new TypeReference<>() { };
    private static final TypeReference<List<JobSummary>> JOB_LIST = new TypeReference<>() { };

    private final String peer;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        // HTTP/1.1 from the start: an upgrade to h2c would hold back the job's streamed updates
        .version(HttpClient.Version.HTTP_1_1).build();
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
    public static ClusterClient at(String hostPort) {
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
    public List<PeerFacts> peers(ApiToken token) throws ClusterException, InterruptedException {
        return list("peers", PEER_LIST, "a peer list", token);
    }

    /**
     * The jobs running on the cluster, as the peer lists them.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or answers
     *                          something that is not a job list
     */
    public List<JobSummary> jobs(ApiToken token) throws ClusterException, InterruptedException {
        return list("jobs", JOB_LIST, "a job list", token);
    }

    /** {@code GET /api/NAME}, read as {@code type}. */
    private <T> T list(String name, TypeReference<T> type, String what, ApiToken token)
        throws ClusterException, InterruptedException {
        HttpResponse<String> response = send(authorized(base.resolve("api/" + name), token).timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json").GET().build());
        refuseUnauthorized(response);
        if (response.statusCode() != 200) {
            throw new ClusterException("the peer at " + peer + " answered HTTP " + response.statusCode()
                + " to GET /api/" + name + ": " + response.body());
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new ClusterException("the peer at " + peer + " sent " + what + " mpjrun cannot read ("
                + e.getOriginalMessage() + "); is " + peer + " the HTTP port of an mpj-node of the same version?");
        }
    }

    /**
     * Cancels job {@code jobId}.
     *
     * @throws ClusterException if no such job runs, or the peer cannot be reached or refuses the token
     */
    public void cancel(String jobId, ApiToken token) throws ClusterException, InterruptedException {
        URI uri = base.resolve("api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(authorized(uri, token).timeout(REQUEST_TIMEOUT).DELETE().build());
        refuseUnauthorized(response);
        if (response.statusCode() == 404) {
            throw new ClusterException("no job " + jobId + " runs on the cluster of " + peer
                + "; mpjrun --jobs lists the running jobs");
        }
        if (response.statusCode() != 202) {
            throw new ClusterException("the peer at " + peer + " answered HTTP " + response.statusCode()
                + " to cancelling job " + jobId + ": " + response.body());
        }
    }

    /**
     * Makes sure the peer holds {@code file}, whose content address is {@code id}: asks, and
     * uploads it only if the peer does not have it. Returns whether it was uploaded.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or the upload
     */
    public boolean ship(Path file, BlobId id, ApiToken token) throws ClusterException, InterruptedException {
        URI uri = base.resolve("api/blobs/" + id);
        HttpResponse<String> held = send(authorized(uri, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (held.statusCode() == 200) {
            return false;
        }
        refuseUnauthorized(held);
        HttpRequest upload;
        try {
            upload = authorized(uri, token).PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        } catch (FileNotFoundException e) {
            throw new ClusterException("cannot read " + file + ": " + e.getMessage());
        }
        HttpResponse<String> stored = send(upload);
        if (stored.statusCode() != 201) {
            throw new ClusterException("the peer at " + peer + " did not take " + file + ": HTTP "
                + stored.statusCode() + " " + stored.body());
        }
        return true;
    }

    /**
     * Submits {@code spec} and hands every update of the job to {@code updates} as it comes;
     * returns once the job has finished.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or the job, or
     *                          the connection is lost before the job finished
     */
    public JobUpdate.Finished submit(JobSpec spec, ApiToken token, Consumer<JobUpdate> updates)
        throws ClusterException, InterruptedException {
        HttpRequest request;
        try {
            request = authorized(base.resolve("api/jobs"), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(spec))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job spec always has a JSON form", e);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.statusCode() != 200) {
            String body = response.body().collect(Collectors.joining("\n"));
            if (response.statusCode() == 401) {
                throw refusedToken();
            }
            throw new ClusterException("the peer at " + peer + " refused the job: HTTP " + response.statusCode() + " "
                + body);
        }
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                JobUpdate update = json.readValue(line, JobUpdate.class);
                updates.accept(update);
                if (update instanceof JobUpdate.Finished finished) {
                    return finished;
                }
            }
        } catch (JsonProcessingException e) {
            throw new ClusterException("the peer at " + peer + " sent a job update mpjrun cannot read: "
                + e.getOriginalMessage());
        } catch (UncheckedIOException e) {
            throw new ClusterException("lost the connection to the peer at " + peer + " while the job ran: "
                + e.getCause().getMessage());
        }
        throw new ClusterException("the peer at " + peer + " ended the job's stream before the job finished");
    }

    private HttpRequest.Builder authorized(URI uri, ApiToken token) {
        return HttpRequest.newBuilder(uri).header("Authorization", token.bearerHeaderValue());
    }

    private void refuseUnauthorized(HttpResponse<?> response) throws ClusterException {
        if (response.statusCode() == 401) {
            throw refusedToken();
        }
    }

    private ClusterException refusedToken() {
        return new ClusterException("the peer at " + peer + " refused the token; pass --token or --token-file, "
            + "or run mpjrun on the peer's host as its user");
    }

    private HttpResponse<String> send(HttpRequest request) throws ClusterException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** What a failed request means for the user. */
    private ClusterException unreachable(IOException failure) {
        if (failure instanceof HttpTimeoutException) {
            return new ClusterException("the peer at " + peer + " did not answer in time (" + failure.getMessage()
                + "); is it overloaded, or is a firewall dropping the connection?");
        }
        if (failure instanceof ConnectException) {
            return new ClusterException("cannot connect to a peer at " + peer
                + "; is mpj-node running there, and is that the port of its HTTP API (mpj.node.http.port)?");
        }
        return new ClusterException("lost the connection to the peer at " + peer + ": " + failure
            + "; is that the port of an mpj-node's HTTP API (mpj.node.http.port)?");
    }

    /** Why a request to the peer failed, said for the user. */
    public static final class ClusterException extends Exception {

        private static final long serialVersionUID = 1L;

        /** A failure that {@code message} explains to the user. */
        public ClusterException(String message) {
            super(message);
        }
    }
}
