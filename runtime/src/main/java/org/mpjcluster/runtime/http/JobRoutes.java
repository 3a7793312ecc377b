package org.mpjcluster.runtime.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.head;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.withoutSizeLimit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.dispatch.Dispatchers;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import org.mpjcluster.runtime.blob.BlobCache;
import org.mpjcluster.runtime.blob.BlobId;
import org.mpjcluster.runtime.blob.StreamedBlob;
import org.mpjcluster.runtime.job.JobGateway;
import org.mpjcluster.runtime.job.JobSpec;
import org.mpjcluster.runtime.job.JobUpdate;

/**
 * The job routes of the peer's HTTP API:
 * <ul>
 *   <li>{@code HEAD /api/blobs/SHA256}: 200 if this peer holds the file, else 404;</li>
 *   <li>{@code PUT /api/blobs/SHA256}: stores the body if its SHA-256 is the one named (201), else 400;</li>
 *   <li>{@code POST /api/jobs} with a {@link JobSpec} as JSON: runs the job and answers with its
 *       {@link JobUpdate}s as newline-delimited JSON, ending with the {@code finished} one, and
 *       an empty line every second while nothing else is said; closing the connection early
 *       cancels the job;</li>
 *   <li>{@code GET /api/jobs}: the running jobs of the whole cluster, as {@link org.mpjcluster.runtime.job.JobSummary}s;</li>
 *   <li>{@code DELETE /api/jobs/ID}: cancels job ID (202), or 404 if no such job runs;</li>
 *   <li>{@code POST /api/jobs/ID/input}: the next chunk of job ID's standard input, for its rank 0,
 *       an empty body for its end (204); only as many bytes as the job's {@code input-credit}
 *       updates granted; 404 if the job does not run or asked for no input.</li>
 * </ul>
 */
final class JobRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How often an idle job's stream carries an empty line: a submitter that went away is noticed
     * only when writing to it fails, and its job is then cancelled.
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final ByteString EMPTY_LINE = ByteString.fromString("\n");
    private static final String NOT_A_SPEC = "the request body is not a job spec as a JSON object: ";

    private JobRoutes() {
    }

    /** The routes, for under {@code /api}. */
    static Route route(JobGateway jobs, BlobCache cache) {
        return concat(
            pathPrefix("blobs", () -> path(hex -> blob(hex, cache))),
            pathPrefix("jobs", () -> concat(
                pathEnd(() -> concat(
                    post(() -> entity(Unmarshaller.entityToString(), body -> submit(jobs, body))),
                    get(() -> onSuccess(jobs.jobs(), running -> complete(StatusCodes.OK, running,
                        Jackson.marshaller(JSON)))))),
                pathPrefix(jobId -> concat(
                    pathEnd(() -> delete(() -> onSuccess(jobs.cancel(jobId), found -> found
                        ? complete(StatusCodes.ACCEPTED, Map.of("cancelled", jobId), Jackson.marshaller(JSON))
                        : error(StatusCodes.NOT_FOUND, "no job " + jobId + " runs on this cluster")))),
                    path("input", () -> post(() -> entity(Unmarshaller.entityToByteArray(),
                        chunk -> input(jobs, jobId, chunk)))))))));
    }

    /** Passes a chunk of a job's standard input on to its rank 0. */
    private static Route input(JobGateway jobs, String jobId, byte[] chunk) {
        return onComplete(jobs.input(jobId, chunk), passed -> {
            if (passed.isFailure()) {
                return error(StatusCodes.SERVICE_UNAVAILABLE, "the coordinator of job " + jobId + " did not answer: "
                    + reason(passed.failed().get()));
            }
            return passed.get() ? complete(StatusCodes.NO_CONTENT)
                : error(StatusCodes.NOT_FOUND, "job " + jobId + " does not run, or its rank 0 asked for no input");
        });
    }

    private static Route blob(String hex, BlobCache cache) {
        BlobId id;
        try {
            id = BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            return error(StatusCodes.BAD_REQUEST, e.getMessage());
        }
        return concat(
            head(() -> complete(cache.find(id).isPresent() ? StatusCodes.OK : StatusCodes.NOT_FOUND)),
            put(() -> withoutSizeLimit(() -> extractRequestEntity(body -> extractMaterializer(materializer ->
                onComplete(store(id, body, cache, materializer), stored -> stored.isSuccess()
                    ? complete(StatusCodes.CREATED)
                    : error(StatusCodes.BAD_REQUEST, reason(stored.failed().get()))))))));
    }

    /** What went wrong, without the wrappers of asynchronous stages. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** Stores the body as blob {@code id}, which checks its SHA-256; nothing of a failed upload stays. */
    private static CompletionStage<Path> store(BlobId id, HttpEntity body, BlobCache cache, Materializer materializer) {
        Executor blocking = materializer.system().dispatchers().lookup(Dispatchers.DefaultBlockingDispatcherId());
        return StreamedBlob.store(cache, id, body.getDataBytes(), StreamedBlob.ANY_SIZE, materializer, blocking);
    }

    /**
     * Runs the job {@code body} describes, streaming its updates; a body that is no job spec is
     * answered 400 with where and why its JSON does not read as one.
     */
    private static Route submit(JobGateway jobs, String body) {
        JobSpec spec;
        try {
            spec = JSON.readValue(body, JobSpec.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return error(StatusCodes.BAD_REQUEST, NOT_A_SPEC + e.getOriginalMessage()
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (spec == null) {
            return error(StatusCodes.BAD_REQUEST, NOT_A_SPEC + "it is JSON null");
        }
        return complete(updates(jobs, spec));
    }

    private static HttpResponse updates(JobGateway jobs, JobSpec spec) {
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
            jobs.submit(spec).map(JobRoutes::line).keepAlive(HEARTBEAT, () -> EMPTY_LINE)));
    }

    private static ByteString line(JobUpdate update) throws JsonProcessingException {
        return ByteString.fromString(JSON.writeValueAsString(update) + "\n");
    }

    private static Route error(StatusCode status, String message) {
        return complete(status, Map.of("error", message), Jackson.marshaller(JSON));
    }
}
