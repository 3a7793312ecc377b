package org.mpjcluster.runtime.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.IOResult;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import org.mpjcluster.runtime.node.CborSerializable;

/**
 * Serves the blobs of a peer's {@link BlobCache} to other peers: a {@link Fetch} is answered with
 * an {@link Offer} whose stream reference yields the file's bytes, or with {@link Missing}. The
 * blob stays pinned in the cache until its stream ends, so eviction cannot take it mid-transfer;
 * a stream nobody consumes fails after Pekko's stream-ref subscription timeout and unpins it.
 */
public final class BlobServer extends AbstractBehavior<BlobServer.Command> {

    /** The key under which a peer may register its server with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "mpj-blob-server");

    /** What the server handles. */
    public interface Command extends CborSerializable {
    }

    /** Asks for blob {@code id}; the answer goes to {@code replyTo}. */
    public record Fetch(BlobId id, ActorRef<FetchReply> replyTo) implements Command {
    }

    /** Asks how many blobs the server has offered, for monitoring and tests. */
    public record GetStats(ActorRef<Stats> replyTo) implements Command {
    }

    /** The answer to a {@link Fetch}. */
    public sealed interface FetchReply extends CborSerializable permits Offer, Missing {
    }

    /** Blob {@code id} of {@code size} bytes: materialize {@code data} once to receive them. */
    public record Offer(BlobId id, long size, SourceRef<ByteString> data) implements FetchReply {
    }

    /** The server cannot serve blob {@code id}: {@code reason} says why, for the user. */
    public record Missing(BlobId id, String reason) implements FetchReply {
    }

    /** The server's counts since it started: blobs offered (with their bytes) and fetches refused. */
    public record Stats(long offers, long offeredBytes, long missing) implements CborSerializable {
    }

    private final BlobCache cache;
    private long offers;
    private long offeredBytes;
    private long missing;

    private BlobServer(ActorContext<Command> context, BlobCache cache) {
        super(context);
        this.cache = cache;
    }

    /** A server of the blobs in {@code cache}. */
    public static Behavior<Command> create(BlobCache cache) {
        return Behaviors.setup(context -> new BlobServer(context, cache));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
            .onMessage(Fetch.class, this::onFetch)
            .onMessage(GetStats.class, this::onGetStats)
            .build();
    }

    private Behavior<Command> onFetch(Fetch fetch) {
        Optional<BlobCache.Pin> pin = cache.pin(fetch.id());
        if (pin.isEmpty()) {
            refuse(fetch, "blob " + fetch.id() + " is not in the cache of the peer asked (" + cache.dir()
                + "): the job's files were never stored there, or were evicted");
            return this;
        }
        try {
            fetch.replyTo().tell(offer(pin.get()));
        } catch (IOException | RuntimeException e) {
            pin.get().close();
            refuse(fetch, "blob " + fetch.id() + " could not be read from " + pin.get().path() + ": " + e);
        }
        return this;
    }

    private Offer offer(BlobCache.Pin pin) throws IOException {
        long size = Files.size(pin.path());
        Pair<CompletionStage<IOResult>, SourceRef<ByteString>> stream = FileIO.fromPath(pin.path())
            .toMat(StreamRefs.sourceRef(), Keep.both())
            .run(getContext().getSystem());
        stream.first().whenComplete((result, failure) -> pin.close());
        offers++;
        offeredBytes += size;
        return new Offer(pin.id(), size, stream.second());
    }

    private void refuse(Fetch fetch, String reason) {
        missing++;
        getContext().getLog().info("refused a fetch from {}: {}", fetch.replyTo().path().address(), reason);
        fetch.replyTo().tell(new Missing(fetch.id(), reason));
    }

    private Behavior<Command> onGetStats(GetStats get) {
        get.replyTo().tell(new Stats(offers, offeredBytes, missing));
        return this;
    }
}
