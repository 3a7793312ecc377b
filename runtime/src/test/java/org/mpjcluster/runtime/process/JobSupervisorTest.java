package org.mpjcluster.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * The launcher's side of the control protocol, driven by fake workers: the address exchange (the
 * endpoint directory across JVMs), failures passed on to the other workers, and the outcomes.
 */
class JobSupervisorTest {

    private static final ControlMessage.Address ZERO = new ControlMessage.Address("tcp", 0, "127.0.0.1:4000");
    private static final ControlMessage.Address ONE = new ControlMessage.Address("tcp", 1, "127.0.0.1:4001");

    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private final List<WorkerProcess> workers = List.of(new WorkerProcess(0, 0, 1), new WorkerProcess(1, 1, 1));
    private FakeWorker first;
    private FakeWorker second;
    private CompletableFuture<JobResult<Void>> result;

    @BeforeEach
    void startSupervising() throws Exception {
        first = FakeWorker.connect();
        second = FakeWorker.connect();
        JobSupervisor supervisor = new JobSupervisor(workers, events, worker -> new ControlMessage.Job("job", 2,
            worker.firstRank(), worker.rankCount(), "/app.jar", "app.Main", List.of(), false, "", 1000),
            Duration.ofSeconds(30), null, Duration.ofSeconds(1));
        result = CompletableFuture.supplyAsync(() -> {
            try {
                return supervisor.supervise();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        events.add(new JobEvent.Connected(0, first.launcherEnd()));
        events.add(new JobEvent.Connected(1, second.launcherEnd()));
        assertEquals(0, ((ControlMessage.Job) first.workerEnd().receive()).firstRank());
        assertEquals(1, ((ControlMessage.Job) second.workerEnd().receive()).firstRank());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void sendsEveryWorkerTheWholeTableOnceAllHavePublished() throws Exception {
        events.add(new JobEvent.Received(0, new ControlMessage.Published(List.of(ZERO))));
        events.add(new JobEvent.Received(1, new ControlMessage.Published(List.of(ONE))));

        for (FakeWorker worker : List.of(first, second)) {
            ControlMessage.Table table = assertInstanceOf(ControlMessage.Table.class, worker.workerEnd().receive());
            assertEquals(Set.of(ZERO, ONE), Set.copyOf(table.addresses()));
        }
        finish(Ending.SUCCEEDED, Ending.SUCCEEDED);
        JobResult<Void> ended = result.get(10, TimeUnit.SECONDS);
        assertTrue(ended.succeeded());
        assertEquals(List.of(Ending.SUCCEEDED, Ending.SUCCEEDED), ended.outcomes().stream().map(o -> o.ending()).toList());
    }

    @Test
    void tellsEveryWorkerOfARankFailureAndReportsIt() throws Exception {
        publishBoth();
        events.add(new JobEvent.Received(0, new ControlMessage.Failure(0, 1, "rank 0 failed: boom")));

        ControlMessage.Failure told = assertInstanceOf(ControlMessage.Failure.class, second.workerEnd().receive());
        assertEquals(0, told.rank());
        finish(Ending.FAILED, Ending.STOPPED);
        JobResult<Void> ended = result.get(10, TimeUnit.SECONDS);
        assertEquals(1, ended.exitCode());
        assertEquals("rank 0 failed: boom", ended.failureMessage().orElseThrow());
        assertEquals(Ending.STOPPED, ended.outcome(1).ending());
    }

    @Test
    void endsTheJobBeforeItStartsWhenTwoWorkersPublishTheSameEndpoint() throws Exception {
        events.add(new JobEvent.Received(0, new ControlMessage.Published(List.of(ZERO))));
        events.add(new JobEvent.Received(1, new ControlMessage.Published(
            List.of(new ControlMessage.Address("tcp", 0, "127.0.0.1:9999")))));
        events.add(new JobEvent.Exited(0, 143));
        events.add(new JobEvent.Exited(1, 143));

        JobResult<Void> ended = result.get(10, TimeUnit.SECONDS);
        assertTrue(ended.failureMessage().orElseThrow().contains("endpoint 0 published two addresses"),
            ended.failureMessage().orElseThrow());
        assertEquals(Ending.STOPPED, ended.outcome(0).ending());
    }

    @Test
    void reportsTheRanksOfAJvmThatDiedAsDeadWhenTheOthersOutstayTheGrace() throws Exception {
        publishBoth();
        events.add(new JobEvent.Exited(1, 3));
        assertInstanceOf(ControlMessage.Failure.class, first.workerEnd().receive());
        awaitStopped(workers.get(0));
        events.add(new JobEvent.Exited(0, 143));

        JobResult<Void> ended = result.get(10, TimeUnit.SECONDS);
        assertEquals(3, ended.exitCode());
        assertTrue(ended.failureMessage().orElseThrow().contains("rank 1 (not started) died"),
            ended.failureMessage().orElseThrow());
        assertEquals(Ending.HUNG, ended.outcome(0).ending());
        assertEquals(Ending.DIED, ended.outcome(1).ending());
    }

    /** Waits until the supervisor has stopped {@code worker}, as it does once the abort grace has passed. */
    private static void awaitStopped(WorkerProcess worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!worker.stoppedByLauncher()) {
            assertTrue(System.nanoTime() < deadline, "the supervisor did not stop the worker after the grace");
            Thread.sleep(10);
        }
    }

    private void publishBoth() throws Exception {
        events.add(new JobEvent.Received(0, new ControlMessage.Published(List.of(ZERO))));
        events.add(new JobEvent.Received(1, new ControlMessage.Published(List.of(ONE))));
        first.workerEnd().receive();
        second.workerEnd().receive();
    }

    private void finish(Ending rankZero, Ending rankOne) {
        events.add(new JobEvent.Received(0, new ControlMessage.Outcome(0, rankZero.ordinal(), "")));
        events.add(new JobEvent.Received(1, new ControlMessage.Outcome(1, rankOne.ordinal(), "")));
        events.add(new JobEvent.Exited(0, 0));
        events.add(new JobEvent.Exited(1, 0));
    }
}
