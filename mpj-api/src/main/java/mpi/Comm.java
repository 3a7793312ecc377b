package mpi;

import java.util.function.Function;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.AbortSignal;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.JobFailure;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.Operation;
import org.mpjcluster.engine.ProbeResult;
import org.mpjcluster.engine.RankBinding;
import org.mpjcluster.engine.SendOperation;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.Packing;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * A communicator: a group of processes and a context in which they exchange messages. This class
 * holds the point-to-point calls; {@link Intracomm} adds collectives.
 *
 * <p>{@link MPI#COMM_WORLD} and {@link MPI#COMM_SELF} are shared objects that act for the rank of
 * the calling thread, so programs run unchanged when several ranks share a JVM.
 */
public class Comm {

    private final MpiProcess process;
    private final Communicator bound;
    private final Function<MpiProcess, Communicator> route;

    /** A communicator of one process. */
    Comm(MpiProcess process, Communicator communicator) {
        this.process = process;
        this.bound = communicator;
        this.route = null;
    }

    /** A communicator that acts for the calling thread's process ({@code COMM_WORLD}, {@code COMM_SELF}). */
    Comm(Function<MpiProcess, Communicator> route) {
        this.process = null;
        this.bound = null;
        this.route = route;
    }

    /** The calling process, checked to be between {@code Init} and {@code Finalize}. */
    final MpiProcess process(String call) {
        MpiProcess current = process != null ? process : RankBinding.current();
        if (current == null) {
            throw new MPIException(ErrorClass.OTHER, call + ": MPI.Init has not been called");
        }
        current.checkActive(call);
        return current;
    }

    /** The engine communicator behind this object, for the calling process. */
    final Communicator communicator(String call) {
        MpiProcess current = process(call);
        return bound != null ? bound : route.apply(current);
    }

    /** Rank of the calling process in this communicator. */
    public int Rank() throws MPIException {
        return communicator("Rank").rank();
    }

    /** Number of processes in this communicator. */
    public int Size() throws MPIException {
        return communicator("Size").size();
    }

    /** Whether this is the null communicator. */
    public boolean Is_null() {
        return false;
    }

    // ------------------------------------------------------------ blocking sends

    /** Standard-mode send: returns once {@code buf} may be reused. */
    public void Send(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Send");
        complete(c, startSend("Send", c, buf, offset, count, datatype, dest, tag, false));
    }

    /** Synchronous-mode send: returns once the matching receive has started. */
    public void Ssend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Ssend");
        complete(c, startSend("Ssend", c, buf, offset, count, datatype, dest, tag, true));
    }

    /** Buffered-mode send: copies the message into the attached buffer space and returns. */
    public void Bsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        startBuffered("Bsend", buf, offset, count, datatype, dest, tag);
    }

    /** Ready-mode send: the matching receive must already be posted; behaves as {@link #Send}. */
    public void Rsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Rsend");
        complete(c, startSend("Rsend", c, buf, offset, count, datatype, dest, tag, false));
    }

    // ------------------------------------------------------------ non-blocking sends

    /** Starts a standard-mode send. */
    public Request Isend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Isend");
        return new Request(c, startSend("Isend", c, buf, offset, count, datatype, dest, tag, false));
    }

    /** Starts a synchronous-mode send. */
    public Request Issend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Issend");
        return new Request(c, startSend("Issend", c, buf, offset, count, datatype, dest, tag, true));
    }

    /** Starts a buffered-mode send (complete at once: the data is already copied). */
    public Request Ibsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return new Request(communicator("Ibsend"), startBuffered("Ibsend", buf, offset, count, datatype, dest, tag));
    }

    /** Starts a ready-mode send. */
    public Request Irsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Irsend");
        return new Request(c, startSend("Irsend", c, buf, offset, count, datatype, dest, tag, false));
    }

    // ------------------------------------------------------------ receives

    /** Blocking receive; returns the status of the received message. */
    public Status Recv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        Communicator c = communicator("Recv");
        Operation receive = startReceive("Recv", c, buf, offset, count, datatype, source, tag);
        return new Request(c, receive).Wait();
    }

    /** Starts a receive. */
    public Request Irecv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        Communicator c = communicator("Irecv");
        return new Request(c, startReceive("Irecv", c, buf, offset, count, datatype, source, tag));
    }

    /** Sends one message and receives another, without deadlock between the two. */
    public Status Sendrecv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, int dest, int sendtag,
                           Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int source, int recvtag)
        throws MPIException {
        Communicator c = communicator("Sendrecv");
        MessageBuffer outgoing = checkSend("Sendrecv", c, sendbuf, sendoffset, sendcount, sendtype, dest, sendtag);
        Request receive = new Request(c, startReceive("Sendrecv", c, recvbuf, recvoffset, recvcount, recvtype, source, recvtag));
        complete(c, c.send(outgoing, dest, sendtag, false));
        return receive.Wait();
    }

    /** Sends the contents of {@code buf} and replaces them with a received message. */
    public Status Sendrecv_replace(Object buf, int offset, int count, Datatype datatype, int dest, int sendtag,
                                   int source, int recvtag) throws MPIException {
        Communicator c = communicator("Sendrecv_replace");
        MessageBuffer buffer = checkSend("Sendrecv_replace", c, buf, offset, count, datatype, dest, sendtag);
        Payload snapshot = buffer.payload().retain();
        Request receive = new Request(c, startReceive("Sendrecv_replace", c, buf, offset, count, datatype, source, recvtag));
        complete(c, c.sendPayload(snapshot, buffer.elementCount(), dest, sendtag));
        return receive.Wait();
    }

    // ------------------------------------------------------------ probes

    /** Blocks until a matching message can be received; returns its status without receiving it. */
    public Status Probe(int source, int tag) throws MPIException {
        Communicator c = communicator("Probe");
        Args.checkSource("Probe", source, c.remoteSize());
        Args.checkReceiveTag("Probe", tag);
        return Status.of(c.awaitProbe(source, tag));
    }

    /** The status of a matching message if one can be received now, otherwise {@code null}. */
    public Status Iprobe(int source, int tag) throws MPIException {
        Communicator c = communicator("Iprobe");
        Args.checkSource("Iprobe", source, c.remoteSize());
        Args.checkReceiveTag("Iprobe", tag);
        ProbeResult found = c.probe(source, tag);
        return found == null ? null : Status.of(found);
    }

    // ------------------------------------------------------------ persistent requests

    /** Creates a persistent standard-mode send. */
    public Prequest Send_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return persistentSend("Send_init", buf, offset, count, datatype, dest, tag, false);
    }

    /** Creates a persistent synchronous-mode send. */
    public Prequest Ssend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return persistentSend("Ssend_init", buf, offset, count, datatype, dest, tag, true);
    }

    /** Creates a persistent buffered-mode send. */
    public Prequest Bsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        Communicator c = communicator("Bsend_init");
        checkSend("Bsend_init", c, buf, offset, count, datatype, dest, tag);
        return new Prequest(c, () -> startBuffered("Bsend_init", buf, offset, count, datatype, dest, tag));
    }

    /** Creates a persistent ready-mode send. */
    public Prequest Rsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return persistentSend("Rsend_init", buf, offset, count, datatype, dest, tag, false);
    }

    /** Creates a persistent receive. */
    public Prequest Recv_init(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        Communicator c = communicator("Recv_init");
        checkReceive("Recv_init", c, buf, offset, count, datatype, source, tag);
        return new Prequest(c, () -> startReceive("Recv_init", c, buf, offset, count, datatype, source, tag));
    }

    // ------------------------------------------------------------ abort

    /** Ends every rank of the job; the launcher exits with {@code errorcode}. Does not return. */
    public void Abort(int errorcode) throws MPIException {
        MpiProcess current = process("Abort");
        int rank = current.engine().endpoint();
        current.engine().job().abort(new JobFailure(rank, "rank " + rank + " called Abort(" + errorcode + ")",
            errorcode == 0 ? 1 : errorcode, null));
        throw new AbortSignal(errorcode);
    }

    // ------------------------------------------------------------ helpers

    private Prequest persistentSend(String call, Object buf, int offset, int count, Datatype datatype, int dest,
                                    int tag, boolean synchronous) {
        Communicator c = communicator(call);
        checkSend(call, c, buf, offset, count, datatype, dest, tag);
        return new Prequest(c, () -> startSend(call, c, buf, offset, count, datatype, dest, tag, synchronous));
    }

    private static MessageBuffer checkSend(String call, Communicator c, Object buf, int offset, int count,
                                           Datatype datatype, int dest, int tag) {
        MessageBuffer buffer = Args.buffer(call, buf, offset, count, datatype);
        Args.checkDestination(call, dest, c.remoteSize());
        Args.checkSendTag(call, tag);
        return buffer;
    }

    private static SendOperation startSend(String call, Communicator c, Object buf, int offset, int count,
                                           Datatype datatype, int dest, int tag, boolean synchronous) {
        return c.send(checkSend(call, c, buf, offset, count, datatype, dest, tag), dest, tag, synchronous);
    }

    private SendOperation startBuffered(String call, Object buf, int offset, int count, Datatype datatype,
                                        int dest, int tag) {
        MpiProcess current = process(call);
        Communicator c = communicator(call);
        MessageBuffer buffer = checkSend(call, c, buf, offset, count, datatype, dest, tag);
        if (dest == MPI.PROC_NULL) {
            // A send to PROC_NULL moves nothing, so it succeeds without taking buffer space.
            return SendOperation.completed();
        }
        Payload copy = buffer.payload().retain();
        current.startBuffered(call, (long) copy.byteSize() + MPI.BSEND_OVERHEAD,
            () -> c.sendPayload(copy, buffer.elementCount(), dest, tag));
        return SendOperation.completed();
    }

    private static MessageBuffer checkReceive(String call, Communicator c, Object buf, int offset, int count,
                                              Datatype datatype, int source, int tag) {
        MessageBuffer buffer = Args.buffer(call, buf, offset, count, datatype);
        Args.checkSource(call, source, c.remoteSize());
        Args.checkReceiveTag(call, tag);
        return buffer;
    }

    private static Operation startReceive(String call, Communicator c, Object buf, int offset, int count,
                                          Datatype datatype, int source, int tag) {
        return c.receive(checkReceive(call, c, buf, offset, count, datatype, source, tag), source, tag);
    }

    private static void complete(Communicator c, Operation operation) {
        if (!operation.isDone()) {
            c.engine().await(operation);
        }
        Communicator.rethrow(operation);
    }

    // ============================================================ packing (Pack, Unpack, Pack_size)
    //
    // The packed form is described in org.mpjcluster.engine.data.Packing.

    /**
     * Packs {@code incount} items of {@code datatype} from {@code inbuf} (starting at element
     * {@code offset}) into {@code outbuf} at byte {@code position}, and returns the position just
     * after them, for the next {@code Pack}. Send the result as {@code position} items of
     * {@link MPI#PACKED}. Objects ({@code MPI.OBJECT}-based types) are serialized as one
     * length-prefixed unit per call: one {@code Unpack} may take the objects of several
     * {@code Pack} calls, but cannot stop part way through one call's objects.
     *
     * @throws MPIException {@code ERR_BUFFER} if {@code outbuf} is too small (the message gives the
     *                      sizes), {@code ERR_ARG} if {@code position} is outside {@code outbuf},
     *                      and the errors of a send for the other arguments
     */
    public int Pack(Object inbuf, int offset, int incount, Datatype datatype, byte[] outbuf, int position)
        throws MPIException {
        process("Pack");
        return Packing.pack(Args.buffer("Pack", inbuf, offset, incount, datatype), outbuf, position);
    }

    /**
     * Unpacks {@code outcount} items of {@code datatype} from {@code inbuf} at byte
     * {@code position} into {@code outbuf} (starting at element {@code offset}), and returns the
     * position just after them, for the next {@code Unpack}. The data must be unpacked in the order
     * and with the type signatures it was packed; the layouts may differ.
     *
     * @throws MPIException {@code ERR_BUFFER} if {@code inbuf} ends before the items do,
     *                      {@code ERR_ARG} if {@code position} is outside {@code inbuf},
     *                      {@code ERR_TYPE} if objects are expected where none were packed or an
     *                      unpack would split one {@code Pack} call's objects, and the errors of a
     *                      receive for the other arguments
     */
    public int Unpack(byte[] inbuf, int position, Object outbuf, int offset, int outcount, Datatype datatype)
        throws MPIException {
        MpiProcess current = process("Unpack");
        MessageBuffer out = Args.buffer("Unpack", outbuf, offset, outcount, datatype);
        return Packing.unpack(inbuf, position, out, current.classLoader());
    }

    /**
     * An upper bound on the bytes {@link #Pack} takes for {@code incount} items of
     * {@code datatype}: for primitive base types, exactly their elements' size. Objects have no
     * such bound, so {@code MPI.OBJECT}-based types are an {@code ERR_TYPE} error, as in mpiJava.
     */
    public int Pack_size(int incount, Datatype datatype) throws MPIException {
        process("Pack_size");
        Args.checkType("Pack_size", datatype);
        if (incount < 0) {
            throw new MPIException(ErrorClass.COUNT, "Pack_size: incount is " + incount + "; it must be >= 0");
        }
        if (datatype.kind() == PrimitiveKind.OBJECT) {
            throw new MPIException(ErrorClass.TYPE, "Pack_size: datatype " + datatype + " holds objects, whose "
                + "packed size is known only once they are serialized; Pack reports the size it needs "
                + "(MPI.ERR_BUFFER) when outbuf is too small");
        }
        long bytes = Packing.packedSize(datatype.layout(), incount);
        if (bytes > Integer.MAX_VALUE) {
            throw new MPIException(ErrorClass.COUNT, "Pack_size: " + incount + " items of " + datatype + " take "
                + bytes + " bytes, more than a byte[] can hold");
        }
        return (int) bytes;
    }
}
