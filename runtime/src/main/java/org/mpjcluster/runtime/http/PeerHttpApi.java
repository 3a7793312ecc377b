package org.mpjcluster.runtime.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;
import org.mpjcluster.runtime.blob.BlobCache;
import org.mpjcluster.runtime.job.JobGateway;
import org.mpjcluster.runtime.node.PeerDirectory;

/**
 * The peer's HTTP API, served by pekko-http: {@code GET /api/peers} lists the facts of the
 * cluster's peers as a JSON array of {@link org.mpjcluster.runtime.node.PeerFacts}; the job
 * routes ({@link JobRoutes}) take files and jobs. Every
 * {@code /api} route requires {@code Authorization: Bearer <token>} and answers 401 without it.
 */
public final class PeerHttpApi {

    private static final String REALM = "mpj";
    private static final String BEARER_PREFIX = "Bearer ";
    private static final Duration UNBIND_GRACE = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerBinding binding;

    private PeerHttpApi(ServerBinding binding) {
        this.binding = binding;
    }

    /**
     * Binds the API to the address and port of {@code settings} in {@code system}, listing the
     * peers {@code directory} knows to clients that present {@code token}.
     */
    public static CompletionStage<PeerHttpApi> start(ActorSystem<?> system, PeerHttpSettings settings,
                                                     PeerDirectory directory, ApiToken token, JobGateway jobs,
                                                     BlobCache cache) {
        return Http.get(system).newServerAt(settings.host(), settings.port())
            .bind(route(directory, token, jobs, cache))
            .thenApply(PeerHttpApi::new);
    }

    /** The routes of the API, all behind the token. */
    static Route route(PeerDirectory directory, ApiToken token, JobGateway jobs, BlobCache cache) {
        return pathPrefix("api", () -> authorized(token, () -> concat(
            path("peers", () -> get(() ->
                onSuccess(directory.peers(), peers -> complete(StatusCodes.OK, peers, Jackson.marshaller(JSON))))),
            JobRoutes.route(jobs, cache))));
    }

    /**
     * Lets a request with the token through to {@code inner}; answers any other with 401 and a
     * challenge, before any route could tell it which paths exist.
     */
    private static Route authorized(ApiToken token, Supplier<Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            if (presentsToken(header, token)) {
                return inner.get();
            }
            return complete(StatusCodes.UNAUTHORIZED, List.of(WWWAuthenticate.create(HttpChallenge.create("Bearer", REALM))),
                Map.of("error", "missing or wrong API token: send 'Authorization: Bearer <token>'"),
                Jackson.marshaller(JSON));
        });
    }

    private static boolean presentsToken(Optional<String> header, ApiToken token) {
        return header.filter(value -> value.startsWith(BEARER_PREFIX))
            .map(value -> token.matches(value.substring(BEARER_PREFIX.length()).strip()))
            .orElse(false);
    }

    /** The address and port the API listens on; the port is the one chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return binding.localAddress();
    }

    /** Stops accepting requests and ends open connections after a short grace for requests in flight. */
    public CompletionStage<Done> stop() {
        return binding.terminate(UNBIND_GRACE).thenApply(terminated -> Done.getInstance());
    }
}
