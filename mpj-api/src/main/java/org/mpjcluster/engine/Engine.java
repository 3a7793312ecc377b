package org.mpjcluster.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import mpi.MPIException;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.DeviceTable;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * The engine of one rank (one endpoint of a job): matching, the eager and rendezvous protocols,
 * and waiting. It talks to peers only through the devices of its {@link DeviceTable} and receives
 * their frames as a {@link FrameSink}, possibly on the sender's thread.
 */
public final class Engine implements FrameSink, AutoCloseable {

    private static final SendOperation SENT = SendOperation.completed();
    /**
     * Size of the DATA frames a rendezvous body is cut into on byte devices: small enough that the
     * receiver copies one while the next is in flight, large enough that frames cost little; a
     * multiple of every element size, so chunks split no element.
     */
    private static final int DATA_CHUNK_BYTES = 128 * 1024;
    /**
     * Polls a wait makes before it sets up its backoff. They write no memory, so a peer completing
     * the operation never has to take a cache line back from a spinning waiter.
     */
    private static final int QUICK_SPINS = 256;
    /** Two cache lines of {@code long}s. */
    private static final int SEQUENCE_PADDING = 16;

    private final int endpoint;
    private final int endpointCount;
    private final JobControl job;
    private final EngineSettings settings;
    private final ClassLoader classLoader;
    private final MatchQueues queues = new MatchQueues();
    private final ConcurrentMap<Long, Operation> handles = new ConcurrentHashMap<>();
    private final AtomicLong lastHandle = new AtomicLong();
    /**
     * The last sequence number sent to each endpoint, from index {@link #SEQUENCE_PADDING}: the
     * rank writes it on every send, so padding keeps it off the lines of neighbouring objects.
     */
    private final AtomicLongArray lastSequence;
    private final AtomicReferenceArray<String> goneReasons;
    private final AtomicInteger goneCount = new AtomicInteger();
    /** A thread of this rank parked in a wait, to be woken when a device has frames for it. */
    private volatile Thread sleeper;
    private volatile DeviceTable devices;

    private Engine(int endpoint, int endpointCount, JobControl job, EngineSettings settings,
                   ClassLoader classLoader) {
        this.endpoint = endpoint;
        this.endpointCount = endpointCount;
        this.job = job;
        this.settings = settings;
        this.classLoader = classLoader;
        this.lastSequence = new AtomicLongArray(SEQUENCE_PADDING + endpointCount + SEQUENCE_PADDING);
        this.goneReasons = new AtomicReferenceArray<>(endpointCount);
    }

    /**
     * Creates the engine of {@code endpoint} and opens its devices.
     *
     * @param wiring      how the job's endpoints find each other
     * @param endpoint    this rank's endpoint (its world rank)
     * @param job         the job's shared fate in this JVM
     * @param settings    tuning
     * @param classLoader the rank's class loader, used to deserialize objects it receives
     */
    public static Engine open(JobWiring wiring, int endpoint, JobControl job, EngineSettings settings,
                              ClassLoader classLoader) {
        Engine engine = new Engine(endpoint, wiring.endpointCount(), job, settings, classLoader);
        engine.devices = DeviceTable.open(wiring.deviceContext(endpoint, engine), wiring.allowedDevices());
        return engine;
    }

    /** This rank's endpoint index (its rank in the world). */
    public int endpoint() {
        return endpoint;
    }

    /** Number of endpoints in the job. */
    public int endpointCount() {
        return endpointCount;
    }

    /** Whether this rank and {@code endpoint} live in one address space (this JVM). */
    public boolean sharesMemoryWith(int endpoint) {
        return devices.to(endpoint).sharesMemory();
    }

    /** The settings this engine runs with. */
    public EngineSettings settings() {
        return settings;
    }

    /** The job this engine belongs to. */
    public JobControl job() {
        return job;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Starts sending {@code payload} ({@code elements} base elements) to {@code destination}.
     * Returns a completed operation when the message went out eagerly.
     */
    SendOperation send(Payload payload, int elements, int destination, int context, int source,
                       int tag, boolean synchronous) {
        Device device = devices.to(destination);
        long sequence = lastSequence.incrementAndGet(SEQUENCE_PADDING + destination);
        int bytes = payload.byteSize();
        boolean eager = bytes <= device.eagerLimitBytes(settings.eagerLimitBytes());
        // A device passing payloads by reference reads eager data after this call returns, when
        // the sender may already have reused its buffer: it gets a snapshot.
        Payload eagerData = eager && device.passesByReference(bytes) ? payload.retain() : payload;
        if (eager && !synchronous) {
            transmit(device, destination,
                new Frame(Protocol.EAGER, context, source, tag, sequence, elements, bytes, 0, 0, eagerData));
            return SENT;
        }
        SendOperation operation = new SendOperation(destination, payload, elements);
        long handle = register(operation);
        byte kind = eager ? Protocol.EAGER_SYNC : Protocol.READY_TO_SEND;
        Payload carried = eager ? eagerData : device.sharesMemory() ? payload : null;
        try {
            transmit(device, destination,
                new Frame(kind, context, source, tag, sequence, elements, bytes, handle, 0, carried));
        } catch (MPIException e) {
            handles.remove(handle);
            throw e;
        }
        return operation;
    }

    private void transmit(Device device, int destination, Frame frame) {
        try {
            device.send(destination, frame);
        } catch (DeviceException e) {
            // A device gives up on a peer when the job ends; the job's failure is then the reason.
            checkJob();
            throw new MPIException(ErrorClass.PROC_FAILED, "cannot send to rank " + destination
                + ": " + e.getMessage());
        }
    }

    private void reply(int destination, Frame frame) {
        try {
            devices.to(destination).send(destination, frame);
        } catch (DeviceException e) {
            // The peer is gone; its operation ended with it, so there is no one left to tell.
        }
    }

    private long register(Operation operation) {
        long handle = lastHandle.incrementAndGet();
        handles.put(handle, operation);
        return handle;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Posts a receive into {@code buffer} for a message with the given envelope pattern;
     * {@code sourceEndpoint} is the endpoint of {@code source}, or {@link Operation#ANY_PEER}.
     */
    ReceiveOperation receive(MessageBuffer buffer, int context, int source, int tag, int sourceEndpoint) {
        ReceiveOperation receive = new ReceiveOperation(buffer, context, source, tag, sourceEndpoint);
        Incoming message;
        queues.lock();
        try {
            message = queues.takeUnexpected(receive);
            if (message == null) {
                queues.post(receive);
                return receive;
            }
        } finally {
            queues.unlock();
        }
        matched(receive, message.endpoint, message.frame, message.payload);
        return receive;
    }

    /** Cancels {@code receive} if it has not matched yet; returns whether it was cancelled. */
    boolean cancel(ReceiveOperation receive) {
        queues.lock();
        try {
            if (!queues.removePosted(receive)) {
                return false;
            }
        } finally {
            queues.unlock();
        }
        receive.cancelled();
        return true;
    }

    /** The envelope of the oldest message matching the pattern, without receiving it, or {@code null}. */
    ProbeResult probe(int context, int source, int tag) {
        devices.poll();
        queues.lock();
        try {
            Incoming message = queues.peekUnexpected(context, source, tag);
            return message == null ? null : new ProbeResult(message.frame.source(),
                message.frame.tag(), message.frame.elementCount(), message.frame.byteSize());
        } finally {
            queues.unlock();
        }
    }

    /** Blocks until a message matching the pattern has arrived; returns its envelope. */
    ProbeResult awaitProbe(int context, int source, int tag, int sourceEndpoint) {
        Backoff backoff = new Backoff(settings);
        while (true) {
            ProbeResult found = probe(context, source, tag);
            if (found != null) {
                return found;
            }
            if (devices.poll() > 0) {
                backoff.reset();
                continue;
            }
            checkJob();
            String gone = goneReason(sourceEndpoint);
            if (gone != null && drained() && probe(context, source, tag) == null) {
                throw new MPIException(ErrorClass.PROC_FAILED, "Probe: " + gone);
            }
            long park = backoff.idle();
            if (park > 0 && probe(context, source, tag) == null) {
                sleep(null, park);
            }
        }
    }

    @Override
    public void onFrame(int source, Frame frame) {
        switch (frame.kind()) {
            case Protocol.EAGER, Protocol.EAGER_SYNC, Protocol.READY_TO_SEND -> onMessage(source, frame);
            case Protocol.CLEAR_TO_SEND -> onClearToSend(source, frame);
            case Protocol.DATA -> onData(frame);
            case Protocol.ACK -> {
                Operation operation = handles.remove(frame.sendHandle());
                if (operation != null) {
                    operation.complete();
                }
            }
            default -> throw new DeviceException("unknown frame kind " + frame.kind() + " from endpoint " + source);
        }
    }

    private void onMessage(int source, Frame frame) {
        ReceiveOperation receive;
        queues.lock();
        try {
            receive = queues.takePosted(frame.context(), frame.source(), frame.tag());
            if (receive == null) {
                queues.addUnexpected(new Incoming(source, frame, keepable(source, frame)));
            }
        } finally {
            queues.unlock();
        }
        if (receive == null) {
            wake();
            return;
        }
        matched(receive, source, frame, frame.payload());
    }

    /**
     * The payload of an unexpected message in a form that outlives this delivery: the one passed
     * by reference (the sender's data for a rendezvous, its snapshot for an eager message), or a copy.
     */
    private Payload keepable(int source, Frame frame) {
        Payload payload = frame.payload();
        boolean stable = payload == null || devices.to(source).passesByReference(payload.byteSize());
        return stable ? payload : payload.retain();
    }

    /**
     * Completes the match of {@code receive} with a message; runs outside the queue lock. The
     * sender is acknowledged before the receive completes: once it completes, its rank may finish
     * and close its devices, and an acknowledgement sent after that would never arrive.
     */
    private void matched(ReceiveOperation receive, int source, Frame frame, Payload payload) {
        receive.matched(frame.source(), frame.tag());
        switch (frame.kind()) {
            case Protocol.EAGER -> finish(receive, Landing.whole(receive, payload, frame, classLoader));
            case Protocol.EAGER_SYNC -> {
                MPIException outcome = Landing.whole(receive, payload, frame, classLoader);
                reply(source, Frame.control(Protocol.ACK, frame.sendHandle(), 0));
                finish(receive, outcome);
            }
            default -> {
                if (payload != null) {
                    MPIException outcome = Landing.whole(receive, payload, frame, classLoader);
                    reply(source, Frame.control(Protocol.ACK, frame.sendHandle(), 0));
                    finish(receive, outcome);
                } else {
                    receive.expect(Landing.expect(receive, frame));
                    long handle = register(receive);
                    reply(source, Frame.control(Protocol.CLEAR_TO_SEND, frame.sendHandle(), handle));
                }
            }
        }
    }

    private void onClearToSend(int source, Frame frame) {
        Operation found = handles.remove(frame.sendHandle());
        if (!(found instanceof SendOperation send)) {
            return;
        }
        Payload payload = send.payload();
        Device device = devices.to(source);
        int total = payload.byteSize();
        try {
            // In chunks, so that the receiver copies each into place while the next is on its way.
            for (int offset = 0; offset < total; offset += DATA_CHUNK_BYTES) {
                int length = Math.min(DATA_CHUNK_BYTES, total - offset);
                transmit(device, source, new Frame(Protocol.DATA, 0, 0, 0, offset, send.elements(), total, 0,
                    frame.receiveHandle(), new PayloadRange(payload, offset, length)));
            }
            send.complete();
        } catch (MPIException e) {
            send.fail(e);
        }
    }

    private void onData(Frame frame) {
        if (handles.get(frame.receiveHandle()) instanceof ReceiveOperation receive) {
            Landing.Outcome outcome = Landing.chunk(receive, frame, classLoader);
            if (outcome != null) {
                handles.remove(frame.receiveHandle());
                finish(receive, outcome.error());
            }
        }
    }

    /** Completes {@code receive}, with {@code error} unless it is {@code null}. */
    private static void finish(ReceiveOperation receive, MPIException error) {
        if (error == null) {
            receive.complete();
        } else {
            receive.fail(error);
        }
    }

    // ---------------------------------------------------------------- waiting

    /** Blocks until {@code operation} is done; throws if the job fails meanwhile. */
    public void await(Operation operation) {
        int quickSpins = settings.spinNanos() == 0 ? 0 : QUICK_SPINS;
        for (int i = 0; i < quickSpins; i++) {
            if (operation.isDone()) {
                return;
            }
            devices.poll();
            Thread.onSpinWait();
        }
        Backoff backoff = new Backoff(settings);
        while (!operation.isDone()) {
            if (devices.poll() > 0) {
                backoff.reset();
                continue;
            }
            if (backoff.dueForCheck()) {
                checkAlive(operation);
            }
            long park = backoff.idle();
            if (park > 0) {
                sleep(operation, park);
            }
        }
    }

    /**
     * Blocks until {@code done} holds, making progress meanwhile; throws if the job fails. For
     * conditions that other ranks of this JVM make true: they {@linkplain #wake() wake} this rank
     * when it sleeps.
     */
    public void awaitUntil(BooleanSupplier done) {
        Backoff backoff = new Backoff(settings);
        while (!done.getAsBoolean()) {
            if (devices.poll() > 0) {
                backoff.reset();
                continue;
            }
            if (backoff.dueForCheck()) {
                checkRunning();
            }
            long park = backoff.idle();
            if (park > 0) {
                sleeper = Thread.currentThread();
                devices.armWake();
                if (devices.poll() == 0 && !done.getAsBoolean()) {
                    LockSupport.parkNanos(this, park);
                }
                sleeper = null;
            }
        }
    }

    /**
     * Parks the calling thread for at most {@code nanos}: until {@code operation} (if any)
     * completes, a device has frames for this rank, or the time is up. Registers first and
     * checks the devices after, so a wake-up cannot slip in between.
     */
    private void sleep(Operation operation, long nanos) {
        Thread self = Thread.currentThread();
        sleeper = self;
        devices.armWake();
        if (devices.poll() == 0 && (operation == null || !operation.isDone())) {
            if (operation != null) {
                operation.park(nanos);
            } else {
                LockSupport.parkNanos(this, nanos);
            }
        }
        sleeper = null;
    }

    @Override
    public void wake() {
        Thread parked = sleeper;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /** Delivers whatever the devices hold; returns true (for use in conditions). */
    private boolean drained() {
        while (devices.poll() > 0) {
            Thread.onSpinWait();
        }
        return true;
    }

    /**
     * Blocks until one of {@code operations} (null entries ignored) is done and returns its index,
     * or -1 if all entries are null.
     */
    public int awaitAny(Operation[] operations) {
        Backoff backoff = new Backoff(settings);
        while (true) {
            int live = 0;
            for (int i = 0; i < operations.length; i++) {
                if (operations[i] != null) {
                    if (operations[i].isDone()) {
                        return i;
                    }
                    live++;
                }
            }
            if (live == 0) {
                return -1;
            }
            if (devices.poll() > 0) {
                backoff.reset();
                continue;
            }
            for (Operation operation : operations) {
                if (operation != null) {
                    checkAlive(operation);
                }
            }
            long park = backoff.idle();
            if (park > 0) {
                parkOnAll(operations, park);
            }
        }
    }

    private void parkOnAll(Operation[] operations, long nanos) {
        Thread self = Thread.currentThread();
        sleeper = self;
        devices.armWake();
        boolean anyDone = devices.poll() > 0;
        for (Operation operation : operations) {
            if (operation != null) {
                operation.watch(self);
                anyDone |= operation.isDone();
            }
        }
        if (!anyDone) {
            LockSupport.parkNanos(operations, nanos);
        }
        for (Operation operation : operations) {
            if (operation != null) {
                operation.watch(null);
            }
        }
        sleeper = null;
    }

    /** Makes progress once and says whether {@code operation} is done; throws if the job failed. */
    public boolean test(Operation operation) {
        if (operation.isDone()) {
            return true;
        }
        devices.poll();
        checkAlive(operation);
        return operation.isDone();
    }

    /** Throws if the job has failed. */
    public void checkJob() {
        JobFailure failure = job.failure();
        if (failure != null) {
            throw new MPIException(ErrorClass.PROC_FAILED, "job aborted: " + failure.message());
        }
    }

    private void checkAlive(Operation operation) {
        checkRunning();
        String gone = goneReason(operation.peerEndpoint());
        if (gone != null && drained() && !operation.isDone()) {
            if (operation instanceof ReceiveOperation receive) {
                queues.lock();
                try {
                    queues.removePosted(receive);
                } finally {
                    queues.unlock();
                }
            }
            operation.fail(new MPIException(ErrorClass.PROC_FAILED, gone));
        }
    }

    /** Throws if the job has failed or the waiting thread was interrupted. */
    private void checkRunning() {
        checkJob();
        if (Thread.currentThread().isInterrupted()) {
            throw new MPIException(ErrorClass.OTHER, "interrupted while waiting for an MPI operation");
        }
    }

    /** Why the peer behind {@code peerEndpoint} can no longer answer, or {@code null} if it may. */
    private String goneReason(int peerEndpoint) {
        if (peerEndpoint >= 0) {
            String reason = goneReasons.get(peerEndpoint);
            return reason == null ? null : "rank " + peerEndpoint + " is gone (" + reason + ")";
        }
        if (endpointCount > 1 && goneCount.get() == endpointCount - 1) {
            return "every other rank is gone";
        }
        return null;
    }

    @Override
    public void onEndpointGone(int gone, String reason) {
        if (gone != endpoint && goneReasons.compareAndSet(gone, null, reason)) {
            goneCount.incrementAndGet();
            wake();
        }
    }

    @Override
    public boolean jobEnded() {
        return job.failure() != null;
    }

    /** Closes the devices; peers see this rank as gone. */
    @Override
    public void close() {
        devices.close();
    }
}
