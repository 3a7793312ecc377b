package org.mpjcluster.device.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpjcluster.device.DeviceException;

/**
 * Many endpoints setting up their connections at once on a machine kept busy, as in a job of
 * collectives under a loaded build: no endpoint may lose a live peer to a race between connects,
 * accepts, tie-breaks, goodbyes and farewells. Each endpoint runs on its own thread, as ranks do.
 */
@Timeout(120)
class ConnectionSetUpStressTest {

    private static final int ENDPOINTS = 9;
    private static final int ROUNDS = 15;
    /** More runnable threads than cores, so the agents and the ranks wait for the CPU. */
    private static final int BUSY_THREADS = 2 * Runtime.getRuntime().availableProcessors();

    private final AtomicBoolean busy = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();

    @BeforeEach
    void loadTheMachine() {
        for (int i = 0; i < BUSY_THREADS; i++) {
            Thread thread = new Thread(() -> {
                while (busy.get()) {
                    Thread.onSpinWait();
                }
            }, "busy-" + i);
            thread.setDaemon(true);
            thread.start();
            load.add(thread);
        }
    }

    @AfterEach
    void stopTheLoad() throws InterruptedException {
        busy.set(false);
        for (Thread thread : load) {
            thread.join();
        }
    }

    @Test
    void everyEndpointReachesEveryOtherWhenAllConnectAtOnce() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            try (LoopbackJob job = new LoopbackJob(ENDPOINTS, all())) {
                runRanks(job, rank -> {
                    List<Integer> peers = peersOf(rank);
                    Collections.shuffle(peers);
                    for (int peer : peers) {
                        job.send(rank, peer, rank);
                    }
                    awaitValues(job, rank, ENDPOINTS - 1);
                });
                assertNoPeerLost(job);
            }
        }
    }

    @Test
    void theRootOfAGatherHearsFromEveryRankWhileTheOthersFinish() throws InterruptedException {
        int root = ENDPOINTS - 1;
        for (int round = 0; round < ROUNDS; round++) {
            try (LoopbackJob job = new LoopbackJob(ENDPOINTS, all())) {
                runRanks(job, rank -> {
                    if (rank == root) {
                        awaitValues(job, rank, ENDPOINTS - 1);
                    } else {
                        job.send(rank, root, rank);
                    }
                    // Ranks that finish close now: goodbyes to the root, farewells to the rest.
                    job.devices[rank].close();
                });
                Queue<String> atRoot = job.sinks[root].gone;
                assertTrue(atRoot.stream().allMatch(notice -> notice.endsWith(": finished")), atRoot::toString);
            }
        }
    }

    /**
     * The root idles (so its agent watches the connections) while its peers send and say goodbye,
     * which closes their connections under the agent; a peer that connects afterwards must still
     * find the root listening.
     */
    @Test
    void aRootWhosePeersSayGoodbyeWhileItIdlesStillAcceptsLaterPeers() throws InterruptedException {
        int root = 0;
        int late = ENDPOINTS - 1;
        for (int round = 0; round < ROUNDS * 2; round++) {
            try (LoopbackJob job = new LoopbackJob(ENDPOINTS, all())) {
                runRanks(job, rank -> {
                    if (rank == root) {
                        awaitValues(job, rank, ENDPOINTS - 1);
                    } else if (rank == late) {
                        while (job.sinks[root].gone.size() < ENDPOINTS - 2) {
                            Thread.yield();
                        }
                        job.send(rank, root, rank);
                    } else {
                        job.send(rank, root, rank);
                        job.devices[rank].close();
                    }
                });
            }
        }
    }

    @Test
    void aPeerThatFinishesWhileBeingConnectedToIsReportedAsFinished() throws InterruptedException {
        for (int round = 0; round < ROUNDS * 4; round++) {
            try (LoopbackJob job = new LoopbackJob(2, 0, 1)) {
                long pauseNs = ThreadLocalRandom.current().nextLong(2_000_000);
                runRanks(job, rank -> {
                    if (rank == 1) {
                        LockSupport.parkNanos(pauseNs);
                        job.devices[1].close();
                        return;
                    }
                    try {
                        job.send(0, 1, 1);
                    } catch (DeviceException e) {
                        assertTrue(e.getMessage().endsWith("is gone (finished)"), e.getMessage());
                    }
                });
                job.awaitUntil("endpoint 0 to hear that 1 finished", () -> !job.sinks[0].gone.isEmpty());
                assertEquals(List.of("1: finished"), List.copyOf(job.sinks[0].gone));
            }
        }
    }

    /** What one endpoint's thread does. */
    @FunctionalInterface
    private interface Rank {
        void run(int rank);
    }

    /** Runs {@code body} on a thread per opened endpoint, all started at once; fails with the first failure. */
    private static void runRanks(LoopbackJob job, Rank body) throws InterruptedException {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int endpoint = 0; endpoint < job.devices.length; endpoint++) {
            if (job.devices[endpoint] == null) {
                continue;
            }
            int rank = endpoint;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run(rank);
                } catch (Throwable t) {
                    failures.add(new AssertionError("endpoint " + rank + " failed: " + t, t));
                }
            }, "rank-" + rank);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " endpoints failed; the first: " + failures.peek().getMessage(),
                failures.peek());
        }
    }

    /**
     * Polls {@code rank}'s device until it has received {@code count} values; fails if a peer is
     * lost meanwhile for any reason but having finished.
     */
    private static void awaitValues(LoopbackJob job, int rank, int count) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (job.sinks[rank].values.size() < count) {
            if (!job.sinks[rank].gone.stream().allMatch(notice -> notice.endsWith(": finished"))) {
                throw new AssertionError("endpoint " + rank + " lost " + job.sinks[rank].gone);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("endpoint " + rank + " received only " + job.sinks[rank].values);
            }
            if (job.devices[rank].poll() == 0) {
                Thread.yield();
            }
        }
    }

    private static void assertNoPeerLost(LoopbackJob job) {
        for (int rank = 0; rank < ENDPOINTS; rank++) {
            assertEquals(List.of(), List.copyOf(job.sinks[rank].gone), "peers lost by endpoint " + rank);
        }
    }

    private static List<Integer> peersOf(int rank) {
        List<Integer> peers = new ArrayList<>();
        for (int peer = 0; peer < ENDPOINTS; peer++) {
            if (peer != rank) {
                peers.add(peer);
            }
        }
        return peers;
    }

    private static int[] all() {
        int[] endpoints = new int[ENDPOINTS];
        for (int i = 0; i < ENDPOINTS; i++) {
            endpoints[i] = i;
        }
        return endpoints;
    }
}
