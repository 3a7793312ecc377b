package org.mpjcluster.runtime.blob;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;

/**
 * Brings blobs into a peer's {@link BlobCache} from the {@link BlobServer} of the peer that holds
 * them: a blob already cached is returned at once; otherwise it is streamed into the cache and
 * verified against its id. Concurrent fetches of the same blob into the same cache share one
 * transfer.
 */
public final class BlobFetcher {

    private record Transfer(BlobCache cache, BlobId id) {
    }

    private final Duration timeout;
    private final ConcurrentMap<Transfer, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    /**
     * A fetcher that gives up when a server has not answered within {@code timeout}, or when a
     * transfer has delivered no bytes for that long.
     */
    public BlobFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The file of blob {@code id} in {@code into}, fetched from {@code from} unless it is cached.
     * The stage fails with a {@link BlobFetchException} if the server does not hold the blob, does
     * not answer in time, or the transfer breaks, stalls or delivers other content.
     */
    public CompletionStage<Path> fetch(ActorSystem<?> system, ActorRef<BlobServer.Command> from, BlobId id,
                                       BlobCache into) {
        Optional<Path> cached = into.find(id);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Transfer key = new Transfer(into, id);
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        mine.whenComplete((path, failure) -> inFlight.remove(key, mine));
        transfer(system, from, id, into).whenComplete((path, failure) -> {
            if (failure == null) {
                mine.complete(path);
            } else {
                mine.completeExceptionally(explain(failure, id, from));
            }
        });
        return mine;
    }

    private CompletionStage<Path> transfer(ActorSystem<?> system, ActorRef<BlobServer.Command> from, BlobId id,
                                           BlobCache into) {
        return AskPattern.<BlobServer.Command, BlobServer.FetchReply>ask(from,
                replyTo -> new BlobServer.Fetch(id, replyTo), timeout, system.scheduler())
            .thenCompose(reply -> reply instanceof BlobServer.Offer offer
                ? receive(system, offer, into)
                : CompletableFuture.failedFuture(new BlobFetchException("cannot fetch blob " + id + " from "
                    + from.path().address() + ": " + ((BlobServer.Missing) reply).reason())));
    }

    private CompletionStage<Path> receive(ActorSystem<?> system, BlobServer.Offer offer, BlobCache into) {
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        return StreamedBlob.store(into, offer.id(), offer.data().getSource().idleTimeout(timeout), offer.size(),
            Materializer.matFromSystem(system), blocking);
    }

    private BlobFetchException explain(Throwable failure, BlobId id, ActorRef<BlobServer.Command> from) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof BlobFetchException fetchFailure) {
            return fetchFailure;
        }
        String where = "cannot fetch blob " + id + " from " + from.path().address() + ": ";
        if (cause instanceof TimeoutException) {
            return new BlobFetchException(where + "no answer or no data within " + timeout
                + "; the peer may be down or overloaded", cause);
        }
        String detail = cause instanceof UncheckedIOException unchecked ? unchecked.getCause().getMessage()
            : cause.getMessage();
        return new BlobFetchException(where + detail, cause);
    }
}
