package org.mpjcluster.runtime.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.node.NodeSettings;
import org.mpjcluster.runtime.node.PeerNode;

/**
 * Two peers, each an actor system on its own loopback port in one cluster, with the peers' own
 * Pekko settings (so every message crosses Artery as Jackson CBOR): the holder serves blobs from
 * its cache, the runner fetches them into its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobTransferTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MIB = 1 << 20;

    private ActorSystem<Void> holder;
    private ActorSystem<Void> runner;
    private BlobCache holderCache;
    private BlobCache runnerCache;
    private ActorRef<BlobServer.Command> server;
    private final BlobFetcher fetcher = new BlobFetcher(TIMEOUT);

    @BeforeAll
    void startTwoPeers(@TempDir Path dir) throws Exception {
        holder = peer(dir.resolve("holder"));
        runner = peer(dir.resolve("runner"));
        Cluster.get(holder).manager().tell(Join.create(Cluster.get(holder).selfMember().address()));
        Cluster.get(runner).manager().tell(Join.create(Cluster.get(holder).selfMember().address()));
        awaitTwoMembersUp(runner);

        holderCache = BlobCache.open(dir.resolve("holder-cache"), 64L * MIB);
        runnerCache = BlobCache.open(dir.resolve("runner-cache"), 64L * MIB);
        ActorRef<BlobServer.Command> local = holder.systemActorOf(BlobServer.create(holderCache), "blob-server",
            Props.empty());
        server = seenFromTheRunner(local);
    }

    @AfterAll
    void stopPeers() {
        for (ActorSystem<Void> system : List.of(runner, holder)) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void fetchesAMultiMebibyteBlobIntactAndASecondFetchIsACacheHit() throws IOException {
        byte[] content = TestBlobs.bytes(6 * MIB + 123, 1);
        BlobId id = TestBlobs.put(holderCache, content);
        long offersBefore = stats().offers();

        Path fetched = fetch(id);

        assertArrayEquals(content, Files.readAllBytes(fetched));
        assertTrue(fetched.startsWith(runnerCache.dir()));
        assertEquals(offersBefore + 1, stats().offers());
        assertEquals(fetched, fetch(id));
        assertEquals(offersBefore + 1, stats().offers(), "the second fetch was served from the runner's cache");
    }

    @Test
    void concurrentFetchesOfOneBlobShareOneTransfer() throws IOException {
        byte[] content = TestBlobs.bytes(4 * MIB, 2);
        BlobId id = TestBlobs.put(holderCache, content);
        long offersBefore = stats().offers();

        List<CompletableFuture<Path>> fetches = Stream.generate(
                () -> fetcher.fetch(runner, server, id, runnerCache).toCompletableFuture())
            .limit(4).toList();

        Path first = fetches.get(0).join();
        fetches.forEach(each -> assertEquals(first, each.join()));
        assertArrayEquals(content, Files.readAllBytes(first));
        assertEquals(offersBefore + 1, stats().offers());
    }

    @Test
    void aBlobTheServerDoesNotHoldIsReportedMissing() {
        BlobId absent = TestBlobs.idOf(TestBlobs.bytes(10, 3));
        long missingBefore = stats().missing();

        BlobFetchException e = failureOf(fetcher, server, absent);

        assertTrue(e.getMessage().contains(absent.hex()) && e.getMessage().contains("not in the cache"), e::getMessage);
        assertEquals(missingBefore + 1, stats().missing());
        assertFalse(runnerCache.find(absent).isPresent());
    }

    @Test
    void contentThatDoesNotMatchItsIdIsRefusedAndNotCached() throws IOException {
        BlobId claimed = TestBlobs.idOf(TestBlobs.bytes(MIB, 4));
        // A damaged file on the holder's disk, under the name of another content.
        Files.write(holderCache.dir().resolve(claimed.hex()), TestBlobs.bytes(MIB, 5));

        BlobFetchException e = failureOf(fetcher, server, claimed);

        assertTrue(e.getMessage().contains("SHA-256"), e::getMessage);
        assertFalse(runnerCache.find(claimed).isPresent());
        try (Stream<Path> files = Files.list(runnerCache.dir())) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().startsWith(BlobCache.INCOMING_PREFIX)),
                "no half-received file is left");
        }
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheFetchAfterTheTimeout() {
        ActorRef<BlobServer.Command> silent = seenFromTheRunner(
            holder.systemActorOf(Behaviors.<BlobServer.Command>ignore(), "silent", Props.empty()));
        BlobFetcher impatient = new BlobFetcher(Duration.ofMillis(500));
        BlobId id = TestBlobs.idOf(TestBlobs.bytes(10, 6));

        BlobFetchException e = failureOf(impatient, silent, id);

        assertTrue(e.getMessage().contains("no answer"), e::getMessage);
    }

    private Path fetch(BlobId id) {
        return fetcher.fetch(runner, server, id, runnerCache).toCompletableFuture()
            .orTimeout(15, TimeUnit.SECONDS).join();
    }

    private BlobFetchException failureOf(BlobFetcher using, ActorRef<BlobServer.Command> from, BlobId id) {
        CompletableFuture<Path> fetch = using.fetch(runner, from, id, runnerCache).toCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class,
            () -> fetch.orTimeout(15, TimeUnit.SECONDS).join());
        return assertInstanceOf(BlobFetchException.class, e.getCause());
    }

    private BlobServer.Stats stats() {
        return AskPattern.<BlobServer.Command, BlobServer.Stats>ask(server, BlobServer.GetStats::new, TIMEOUT,
            runner.scheduler()).toCompletableFuture().join();
    }

    /** The reference the runner would get from a message: resolved from the holder's serialized form. */
    private ActorRef<BlobServer.Command> seenFromTheRunner(ActorRef<BlobServer.Command> local) {
        String serialized = ActorRefResolver.get(holder).toSerializationFormat(local);
        return ActorRefResolver.get(runner).resolveActorRef(serialized);
    }

    private static ActorSystem<Void> peer(Path stateDir) {
        NodeSettings settings = NodeSettings.load(ConfigFactory.parseMap(Map.of(
            "mpj.node.host", "127.0.0.1", "mpj.node.port", 0, "mpj.node.http.port", 0,
            "mpj.node.state-dir", stateDir.toString())));
        return ActorSystem.create(Behaviors.empty(), PeerNode.SYSTEM_NAME, settings.config());
    }

    private static void awaitTwoMembersUp(ActorSystem<?> system) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (countUp(system) < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the two peers did not form a cluster within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static long countUp(ActorSystem<?> system) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
            .filter(member -> member.status() == MemberStatus.up()).count();
    }
}
