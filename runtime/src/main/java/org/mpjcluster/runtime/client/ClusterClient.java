package org.mpjcluster.runtime.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.http.ApiToken;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.JobSummary;
import org.mpjcluster.runtime.job.JobUpdate;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * A client of a peer's HTTP API (no Pekko, so that {@code mpjrun} and applications that submit
 * jobs start quickly): lists the cluster's peers and jobs, ships files, submits and cancels jobs.
 * {@link ClusterJob} runs a whole job through it.
 *
 * <p>It uses {@link HttpURLConnection}, whose connections need no thread of their own: the JDK's
 * {@code HttpClient} keeps a selector thread blocked in a system call, and a JVM that exits waits
 * 300 ms for such threads.
 */
public final class ClusterClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Silence after which a running job's stream counts as lost: the peer sends a line at least
     * every second (see {@code JobRoutes}), so this much silence means the peer or the network is gone.
     */
    private static final Duration JOB_SILENCE_LIMIT = Duration.ofSeconds(30);
    private static final TypeReference<List<PeerFacts>> PEER_LIST = new TypeReference<>() { };
    private static final TypeReference<List<JobSummary>> JOB_LIST = new TypeReference<>() { };

    /** A response: its status and, unless it is a stream that the caller reads, its body. */
    private record Response(int status, String body) {
    }

    private final String peer;
    private final URI base;
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
    public List<PeerFacts> peers(ApiToken token) throws ClusterException {
        return list("peers", PEER_LIST, "a peer list", token);
    }

    /**
     * The jobs running on the cluster, as the peer lists them.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or answers
     *                          something that is not a job list
     */
    public List<JobSummary> jobs(ApiToken token) throws ClusterException {
        return list("jobs", JOB_LIST, "a job list", token);
    }

    /** {@code GET /api/NAME}, read as {@code type}. */
    private <T> T list(String name, TypeReference<T> type, String what, ApiToken token) throws ClusterException {
        Response response = exchange("GET", "api/" + name, token, null, null);
        if (response.status() != 200) {
            throw new ClusterException("the peer at " + peer + " answered HTTP " + response.status()
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
    public void cancel(String jobId, ApiToken token) throws ClusterException {
        Response response = exchange("DELETE", "api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8), token,
            null, null);
        if (response.status() == 404) {
            throw new ClusterException("no job " + jobId + " runs on the cluster of " + peer
                + "; mpjrun --jobs lists the running jobs");
        }
        if (response.status() != 202) {
            throw new ClusterException("the peer at " + peer + " answered HTTP " + response.status()
                + " to cancelling job " + jobId + ": " + response.body());
        }
    }

    /**
     * Makes sure the peer holds {@code file}, whose content address is {@code id}: asks, and
     * uploads it only if the peer does not have it. Returns whether it was uploaded.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or the upload
     */
    public boolean ship(Path file, BlobId id, ApiToken token) throws ClusterException {
        String path = "api/blobs/" + id;
        if (exchange("HEAD", path, token, null, null).status() == 200) {
            return false;
        }
        Response stored = exchange("PUT", path, token, Body.of(file), null);
        if (stored.status() != 201) {
            throw new ClusterException("the peer at " + peer + " did not take " + file + ": HTTP "
                + stored.status() + " " + stored.body());
        }
        return true;
    }

    /**
     * Sends the next {@code chunk} of job {@code jobId}'s standard input, an empty one for its end;
     * the job's {@link JobUpdate.InputCredit} updates say how much it takes.
     *
     * @throws ClusterException if the peer cannot be reached or refuses the token, or the job no
     *                          longer runs or asked for no input
     */
    public void sendInput(String jobId, byte[] chunk, ApiToken token) throws ClusterException {
        Response response = exchange("POST", "api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "/input",
            token, Body.of(chunk), null);
        if (response.status() != 204) {
            throw new ClusterException("the peer at " + peer + " did not take standard input for job " + jobId
                + ": HTTP " + response.status() + " " + response.body());
        }
    }

    /**
     * Submits {@code spec} and hands every update of the job to {@code updates} as it comes;
     * returns once the job has finished.
     *
     * @throws ClusterException if the peer cannot be reached, refuses the token or the job, or
     *                          the connection is lost before the job finished
     */
    public JobUpdate.Finished submit(JobSpec spec, ApiToken token, Consumer<JobUpdate> updates)
        throws ClusterException {
        byte[] request;
        try {
            request = json.writeValueAsBytes(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job spec always has a JSON form", e);
        }
        JobStream job = new JobStream();
        Response response = exchange("POST", "api/jobs", token, null,
            new Streamed(request, body -> readUpdates(body, updates, job)));
        if (response.status() != 200) {
            throw new ClusterException("the peer at " + peer + " refused the job: HTTP " + response.status() + " "
                + response.body());
        }
        if (job.finished == null) {
            throw new ClusterException("the peer at " + peer + " ended the job's stream before the job finished");
        }
        return job.finished;
    }

    /** What the stream of a job's updates has told so far. */
    private static final class JobStream {
        private String jobId;
        private int updates;
        private JobUpdate.Finished finished;
    }

    /**
     * Reads the updates of {@code job} until the last, handing each to {@code updates}; a stream
     * that breaks after the job was accepted is a peer that went away mid-job.
     */
    private void readUpdates(InputStream body, Consumer<JobUpdate> updates, JobStream job)
        throws IOException, ClusterException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        try {
            while (job.finished == null && (line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    JobUpdate update = json.readValue(line, JobUpdate.class);
                    job.updates++;
                    updates.accept(update);
                    if (update instanceof JobUpdate.Accepted accepted) {
                        job.jobId = accepted.jobId();
                    } else if (update instanceof JobUpdate.Finished last) {
                        job.finished = last;
                    }
                }
            }
        } catch (JsonProcessingException | SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            if (job.jobId == null) {
                throw e;
            }
            throw wentAwayMidJob(job, String.valueOf(e.getMessage()));
        }
        if (job.finished == null && job.jobId != null) {
            throw wentAwayMidJob(job, "the stream ended");
        }
    }

    /**
     * What the submitter of an accepted job hears when the stream of its updates breaks: the
     * job's coordinator runs on the peer submitted to, so the job ends with the peer (or, if only
     * the connection broke, the peer cancels it, as it does when a submitter goes away).
     */
    private ClusterException wentAwayMidJob(JobStream job, String how) {
        return new ClusterException("the peer at " + peer + " went away mid-job (the connection broke after "
            + job.updates + " updates: " + how + "). Job " + job.jobId + " ended with it, since its coordinator ran "
            + "there: the other peers stop its ranks once the cluster notices the peer's loss "
            + "(mpj.node.down-unreachable-after), and what the ranks printed since is lost. If only the connection "
            + "broke, the peer cancels the job, its submitter being gone.");
    }

    /** A request body of bytes, sent whole. */
    private interface Body {

        /** The number of bytes. */
        long length() throws IOException;

        /** Writes the bytes. */
        void writeTo(OutputStream out) throws IOException;

        /** The content of {@code file}. */
        static Body of(Path file) {
            return new Body() {
                @Override
                public long length() throws IOException {
                    return Files.size(file);
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    Files.copy(file, out);
                }
            };
        }

        /** {@code bytes}, as they are. */
        static Body of(byte[] bytes) {
            return new Body() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(bytes);
                }
            };
        }
    }

    /** A request body sent whole, and a reader of the response while it streams in. */
    private record Streamed(byte[] request, ResponseReader reader) {
    }

    /** Reads a streamed response body. */
    @FunctionalInterface
    private interface ResponseReader {
        void read(InputStream body) throws IOException, ClusterException;
    }

    /**
     * Sends one request with the token, with {@code upload} or {@code streamed}'s
     * request as its body, and returns its status and body (a 200 body is handed to
     * {@code streamed}'s reader instead).
     *
     * @throws ClusterException if the peer cannot be reached or refuses the token
     */
    private Response exchange(String method, String path, ApiToken token, Body upload, Streamed streamed)
        throws ClusterException {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) (streamed != null ? JOB_SILENCE_LIMIT : REQUEST_TIMEOUT).toMillis());
            connection.setRequestProperty("Authorization", token.bearerHeaderValue());
            connection.setRequestProperty("Accept", "application/json");
            if (upload != null) {
                send(connection, "application/octet-stream", upload.length(), upload::writeTo);
            } else if (streamed != null) {
                send(connection, "application/json", streamed.request().length, out -> out.write(streamed.request()));
            }
            int status = connection.getResponseCode();
            if (status == 401) {
                throw new ClusterException("the peer at " + peer + " refused the token; pass --token or --token-file, "
                    + "or run mpjrun on the peer's host as its user");
            }
            if (status == 200 && streamed != null) {
                try (InputStream body = connection.getInputStream()) {
                    streamed.reader().read(body);
                }
                return new Response(status, "");
            }
            return new Response(status, bodyOf(connection, status));
        } catch (JsonProcessingException e) {
            throw new ClusterException("the peer at " + peer + " sent a job update mpjrun cannot read: "
                + e.getOriginalMessage());
        } catch (IOException e) {
            throw unreachable(e, streamed != null);
        } finally {
            if (connection != null && streamed != null) {
                // A job's connection is not reused: ending it early must reach the peer, which cancels the job.
                connection.disconnect();
            }
        }
    }

    /** What a body writer writes. */
    @FunctionalInterface
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void send(HttpURLConnection connection, String type, long length, BodyWriter body)
        throws IOException {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", type);
        connection.setFixedLengthStreamingMode(length);
        try (OutputStream out = connection.getOutputStream()) {
            body.write(out);
        }
    }

    private static String bodyOf(HttpURLConnection connection, int status) throws IOException {
        try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What a failed request means for the user. */
    private ClusterException unreachable(IOException failure, boolean jobRunning) {
        if (failure instanceof SocketTimeoutException) {
            return new ClusterException("the peer at " + peer + " did not answer in time (" + failure.getMessage()
                + (jobRunning ? "); the job's state is unknown: see mpjrun --jobs" : "); is it overloaded, or is a "
                + "firewall dropping the connection?"));
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
