package mpi;

import java.util.function.Function;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.AbortSignal;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Communicators;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.JobFailure;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.Operation;
import org.mpjcluster.engine.ProbeResult;
import org.mpjcluster.engine.ProcessGroup;
import org.mpjcluster.engine.RankBinding;
import org.mpjcluster.engine.Ranks;
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
 *
 * <p>Every call made on a communicator runs through {@link #run} or {@link #apply}, the one place
 * where its errors meet the communicator's {@link Errhandler}.
 */
public class Comm {

    private final MpiProcess process;
    private final Communicator bound;
    private final Function<MpiProcess, Communicator> route;
    private volatile boolean freed;

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

    /**
     * The engine communicator behind this object, for the calling process. A call on a freed
     * communicator fails here, through the communicator's error handler.
     */
    final Communicator communicator(String call) {
        Communicator c = resolve(call);
        try {
            checkNotFreed(call);
        } catch (MPIException e) {
            throw Errhandler.raise(c, call, e);
        }
        return c;
    }

    private Communicator resolve(String call) {
        MpiProcess current = process(call);
        return bound != null ? bound : route.apply(current);
    }

    private void checkNotFreed(String call) {
        if (freed) {
            throw new MPIException(ErrorClass.COMM, call + ": the communicator has been freed");
        }
    }

    /** The body of a call made on a communicator, given the engine communicator. */
    @FunctionalInterface
    interface Body<T> {
        T apply(Communicator c);
    }

    /** The body of a call made on a communicator that returns nothing. */
    @FunctionalInterface
    interface Action {
        void apply(Communicator c);
    }

    /**
     * Runs {@code body}, the work of the call named {@code call}, on this communicator and returns
     * its result; an MPIException it raises goes through the communicator's error handler.
     */
    final <T> T apply(String call, Body<T> body) {
        Communicator c = resolve(call);
        try {
            checkNotFreed(call);
            return body.apply(c);
        } catch (MPIException e) {
            throw Errhandler.raise(c, call, e);
        }
    }

    /** Like {@link #apply} for a call that returns nothing. */
    final void run(String call, Action action) {
        Communicator c = resolve(call);
        try {
            checkNotFreed(call);
            action.apply(c);
        } catch (MPIException e) {
            throw Errhandler.raise(c, call, e);
        }
    }

    /** Rank of the calling process in this communicator. */
    public int Rank() throws MPIException {
        return apply("Rank", Communicator::rank);
    }

    /** Number of processes in this communicator. */
    public int Size() throws MPIException {
        return apply("Size", Communicator::size);
    }

    /** Whether this is the null communicator: true once it has been freed. */
    public boolean Is_null() {
        return freed;
    }

    // ------------------------------------------------------------ groups, copies, attributes

    /** The group of this communicator (the local group of an intercommunicator). */
    public Group Group() throws MPIException {
        return apply("Group", c -> new Group(ProcessGroup.of(c.localEndpoints()), c.engine().endpoint()));
    }

    /**
     * {@link MPI#IDENT} if both are the same communicator, {@link MPI#CONGRUENT} if their groups
     * have the same members in the same order, {@link MPI#SIMILAR} if the same members in another
     * order, {@link MPI#UNEQUAL} otherwise. Intercommunicators compare both groups.
     */
    public static int Compare(Comm comm1, Comm comm2) throws MPIException {
        if (comm1 == null || comm2 == null) {
            throw new MPIException(ErrorClass.COMM, "Compare: comm" + (comm1 == null ? 1 : 2) + " is null");
        }
        return comm1.apply("Compare", first -> {
            Communicator second = comm2.communicator("Compare");
            if (first == second) {
                return MPI.IDENT;
            }
            if (first.isInter() != second.isInter()) {
                return MPI.UNEQUAL;
            }
            int local = Group.Compare(comm1.Group(), comm2.Group());
            int remote = first.isInter() ? Group.Compare(groupOf(first.remoteEndpoints()), groupOf(second.remoteEndpoints()))
                : MPI.IDENT;
            // IDENT < SIMILAR < UNEQUAL: the larger result is the less alike pair of groups.
            int worst = Math.max(local, remote);
            return worst == MPI.IDENT ? MPI.CONGRUENT : worst;
        });
    }

    private static Group groupOf(int[] endpoints) {
        return new Group(ProcessGroup.of(endpoints), -1);
    }

    /**
     * Frees this communicator; calls on it afterwards fail with {@link MPI#ERR_COMM}. Operations
     * already started complete normally. {@code MPI.COMM_WORLD} and {@code MPI.COMM_SELF} cannot be
     * freed.
     */
    public void Free() throws MPIException {
        run("Free", c -> {
            if (route != null) {
                throw new MPIException(ErrorClass.COMM, "Free: MPI.COMM_WORLD and MPI.COMM_SELF cannot be freed");
            }
            freed = true;
        });
    }

    /** A new communicator with the same group(s) and a new context ({@code MPI_Comm_dup}). Collective. */
    public Comm Dup() throws MPIException {
        return apply("Dup", c -> like(process("Dup"), Communicators.dup(process("Dup"), c)));
    }

    /** The same as {@link #Dup()}, as mpiJava names it. */
    @Override
    public Object clone() {
        return Dup();
    }

    /** A communicator of the same kind as this one (and the same topology) over {@code communicator}. */
    Comm like(MpiProcess owner, Communicator communicator) {
        return new Comm(owner, communicator);
    }

    /** Whether this is an intercommunicator. */
    public boolean Test_inter() throws MPIException {
        return apply("Test_inter", Communicator::isInter);
    }

    /**
     * Creates an intercommunicator between the group of {@code local_comm} and another, disjoint
     * group. As in mpiJava, this is a method of the <em>peer</em> communicator (this one), like a
     * send to or receive from the remote group's leader: {@code local_comm} is the caller's own
     * intracommunicator, {@code local_leader} its leader's rank in {@code local_comm}, and
     * {@code remote_leader} the other group's leader's rank in this communicator; the two leaders
     * exchange their groups here with {@code tag}, which must not be in use between them. Only
     * the local leader uses this communicator and {@code remote_leader}. Collective over both
     * groups; errors go through {@code local_comm}'s error handler.
     */
    public Intercomm Create_intercomm(Comm local_comm, int local_leader, int remote_leader, int tag)
        throws MPIException {
        String call = "Create_intercomm";
        if (local_comm == null) {
            throw new MPIException(ErrorClass.COMM, call + ": local_comm is null");
        }
        return local_comm.apply(call, local -> {
            if (local.isInter()) {
                throw new MPIException(ErrorClass.COMM, call + ": local_comm is an intercommunicator;"
                    + " it must be the caller's intracommunicator");
            }
            Args.checkRank(call, "local_leader", local_leader, local.size());
            Communicator peer = null;
            if (local.rank() == local_leader) {
                peer = communicator(call);
                Args.checkRank(call, "remote_leader", remote_leader, peer.remoteSize());
                Args.checkSendTag(call, tag);
            }
            MpiProcess owner = local_comm.process(call);
            return new Intercomm(owner, Communicators.intercomm(owner, local, local_leader, peer, remote_leader, tag));
        });
    }

    /**
     * The value of a predefined attribute: {@link MPI#TAG_UB} (the largest tag), {@link MPI#HOST}
     * ({@link MPI#PROC_NULL}: no host process), {@link MPI#IO} ({@link MPI#ANY_SOURCE}: every
     * rank can do I/O) or {@link MPI#WTIME_IS_GLOBAL} (0: clocks of different hosts are not
     * synchronized).
     */
    public int Attr_get(int keyval) throws MPIException {
        return apply("Attr_get", c -> switch (keyval) {
            case MPI.TAG_UB -> Ranks.TAG_UB;
            case MPI.HOST -> Ranks.PROC_NULL;
            case MPI.IO -> Ranks.ANY_SOURCE;
            case MPI.WTIME_IS_GLOBAL -> 0;
            default -> throw new MPIException(ErrorClass.ARG, "Attr_get: keyval " + keyval
                + " is not a predefined attribute (MPI.TAG_UB, MPI.HOST, MPI.IO or MPI.WTIME_IS_GLOBAL)");
        });
    }

    /** The topology of this communicator: {@link MPI#CART}, {@link MPI#GRAPH} or {@link MPI#UNDEFINED}. */
    public int Topo_test() throws MPIException {
        return apply("Topo_test", c -> topology());
    }

    /** The topology type, for {@link #Topo_test()}. */
    int topology() {
        return MPI.UNDEFINED;
    }

    /** Sets what happens when a call on this communicator fails. */
    public void Errhandler_set(Errhandler errhandler) throws MPIException {
        run("Errhandler_set", c -> {
            if (errhandler == null) {
                throw new MPIException(ErrorClass.ARG, "Errhandler_set: errhandler is null");
            }
            c.errorsAreFatal(errhandler.isFatal());
        });
    }

    /** The same as {@link #Errhandler_set}. */
    public void Errorhandler_set(Errhandler errhandler) throws MPIException {
        Errhandler_set(errhandler);
    }

    /** What happens when a call on this communicator fails. */
    public Errhandler Errorhandler_get() throws MPIException {
        return apply("Errorhandler_get", Errhandler::of);
    }

    // ------------------------------------------------------------ blocking sends

    /** Standard-mode send: returns once {@code buf} may be reused. */
    public void Send(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        run("Send", c -> complete(c, startSend("Send", c, buf, offset, count, datatype, dest, tag, false)));
    }

    /** Synchronous-mode send: returns once the matching receive has started. */
    public void Ssend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        run("Ssend", c -> complete(c, startSend("Ssend", c, buf, offset, count, datatype, dest, tag, true)));
    }

    /** Buffered-mode send: copies the message into the attached buffer space and returns. */
    public void Bsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        run("Bsend", c -> startBuffered("Bsend", c, buf, offset, count, datatype, dest, tag));
    }

    /** Ready-mode send: the matching receive must already be posted; behaves as {@link #Send}. */
    public void Rsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        run("Rsend", c -> complete(c, startSend("Rsend", c, buf, offset, count, datatype, dest, tag, false)));
    }

    // ------------------------------------------------------------ non-blocking sends

    /** Starts a standard-mode send. */
    public Request Isend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return apply("Isend", c -> new Request(c, startSend("Isend", c, buf, offset, count, datatype, dest, tag, false)));
    }

    /** Starts a synchronous-mode send. */
    public Request Issend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return apply("Issend", c -> new Request(c, startSend("Issend", c, buf, offset, count, datatype, dest, tag, true)));
    }

    /** Starts a buffered-mode send (complete at once: the data is already copied). */
    public Request Ibsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return apply("Ibsend", c -> new Request(c, startBuffered("Ibsend", c, buf, offset, count, datatype, dest, tag)));
    }

    /** Starts a ready-mode send. */
    public Request Irsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return apply("Irsend", c -> new Request(c, startSend("Irsend", c, buf, offset, count, datatype, dest, tag, false)));
    }

    // ------------------------------------------------------------ receives

    /** Blocking receive; returns the status of the received message. */
    public Status Recv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        return apply("Recv", c -> new Request(c, startReceive("Recv", c, buf, offset, count, datatype, source, tag)).awaitCompletion());
    }

    /** Starts a receive. */
    public Request Irecv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        return apply("Irecv", c -> new Request(c, startReceive("Irecv", c, buf, offset, count, datatype, source, tag)));
    }

    /** Sends one message and receives another, without deadlock between the two. */
    public Status Sendrecv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, int dest, int sendtag,
                           Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int source, int recvtag)
        throws MPIException {
        return apply("Sendrecv", c -> {
            MessageBuffer outgoing = checkSend("Sendrecv", c, sendbuf, sendoffset, sendcount, sendtype, dest, sendtag);
            Request receive = new Request(c, startReceive("Sendrecv", c, recvbuf, recvoffset, recvcount, recvtype, source, recvtag));
            complete(c, c.send(outgoing, dest, sendtag, false));
            return receive.awaitCompletion();
        });
    }

    /** Sends the contents of {@code buf} and replaces them with a received message. */
    public Status Sendrecv_replace(Object buf, int offset, int count, Datatype datatype, int dest, int sendtag,
                                   int source, int recvtag) throws MPIException {
        return apply("Sendrecv_replace", c -> {
            MessageBuffer buffer = checkSend("Sendrecv_replace", c, buf, offset, count, datatype, dest, sendtag);
            Payload snapshot = buffer.payload().retain();
            Request receive = new Request(c, startReceive("Sendrecv_replace", c, buf, offset, count, datatype, source, recvtag));
            complete(c, c.sendPayload(snapshot, buffer.elementCount(), dest, sendtag));
            return receive.awaitCompletion();
        });
    }

    // ------------------------------------------------------------ probes

    /** Blocks until a matching message can be received; returns its status without receiving it. */
    public Status Probe(int source, int tag) throws MPIException {
        return apply("Probe", c -> {
            Args.checkSource("Probe", source, c.remoteSize());
            Args.checkReceiveTag("Probe", tag);
            return Status.of(c.awaitProbe(source, tag));
        });
    }

    /** The status of a matching message if one can be received now, otherwise {@code null}. */
    public Status Iprobe(int source, int tag) throws MPIException {
        return apply("Iprobe", c -> {
            Args.checkSource("Iprobe", source, c.remoteSize());
            Args.checkReceiveTag("Iprobe", tag);
            ProbeResult found = c.probe(source, tag);
            return found == null ? null : Status.of(found);
        });
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
        return apply("Bsend_init", c -> {
            checkSend("Bsend_init", c, buf, offset, count, datatype, dest, tag);
            return new Prequest(c, () -> startBuffered("Bsend_init", c, buf, offset, count, datatype, dest, tag));
        });
    }

    /** Creates a persistent ready-mode send. */
    public Prequest Rsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return persistentSend("Rsend_init", buf, offset, count, datatype, dest, tag, false);
    }

    /** Creates a persistent receive. */
    public Prequest Recv_init(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        return apply("Recv_init", c -> {
            checkReceive("Recv_init", c, buf, offset, count, datatype, source, tag);
            return new Prequest(c, () -> startReceive("Recv_init", c, buf, offset, count, datatype, source, tag));
        });
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
        return apply(call, c -> {
            checkSend(call, c, buf, offset, count, datatype, dest, tag);
            return new Prequest(c, () -> startSend(call, c, buf, offset, count, datatype, dest, tag, synchronous));
        });
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

    private SendOperation startBuffered(String call, Communicator c, Object buf, int offset, int count,
                                        Datatype datatype, int dest, int tag) {
        MpiProcess current = process(call);
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
