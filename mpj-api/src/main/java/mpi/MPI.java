package mpi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.RankBinding;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.Singleton;
import org.mpjcluster.engine.coll.Operator;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * The entry point of the MPI API: initialization, the predefined communicators, datatypes and
 * constants, timers and buffered-send space.
 */
public class MPI {

    /** Wildcard source for receives and probes. */
    public static final int ANY_SOURCE = Ranks.ANY_SOURCE;
    /** Wildcard tag for receives and probes. */
    public static final int ANY_TAG = Ranks.ANY_TAG;
    /** The null process: communication with it completes at once and moves nothing. */
    public static final int PROC_NULL = Ranks.PROC_NULL;
    /** An undefined value. */
    public static final int UNDEFINED = Ranks.UNDEFINED;
    /** The largest tag value. */
    public static final int TAG_UB = Ranks.TAG_UB;
    /** Attribute key: the host rank (not defined here; {@link #PROC_NULL}). */
    public static final int HOST = 1;
    /** Attribute key: the rank that can do I/O. */
    public static final int IO = 2;
    /** Attribute key: whether clocks are synchronized. */
    public static final int WTIME_IS_GLOBAL = 3;
    /** Bytes of bookkeeping each buffered send takes from the attached buffer. */
    public static final int BSEND_OVERHEAD = 64;

    /** Thread support level: one thread. */
    public static final int THREAD_SINGLE = 0;
    /** Thread support level: only the main thread calls MPI. */
    public static final int THREAD_FUNNELED = 1;
    /** Thread support level: any thread, one at a time. */
    public static final int THREAD_SERIALIZED = 2;
    /** Thread support level: any thread, concurrently (what this implementation provides). */
    public static final int THREAD_MULTIPLE = 3;

    /** Comparison result: identical. */
    public static final int IDENT = 0;
    /** Comparison result: same members in the same order, different context. */
    public static final int CONGRUENT = 1;
    /** Comparison result: same members, different order. */
    public static final int SIMILAR = 2;
    /** Comparison result: different members. */
    public static final int UNEQUAL = 3;
    /** Topology type: graph. */
    public static final int GRAPH = 1;
    /** Topology type: Cartesian. */
    public static final int CART = 2;

    /** Error class: success. */
    public static final int SUCCESS = ErrorClass.SUCCESS;
    /** Error class: invalid buffer. */
    public static final int ERR_BUFFER = ErrorClass.BUFFER;
    /** Error class: invalid count. */
    public static final int ERR_COUNT = ErrorClass.COUNT;
    /** Error class: invalid datatype. */
    public static final int ERR_TYPE = ErrorClass.TYPE;
    /** Error class: invalid tag. */
    public static final int ERR_TAG = ErrorClass.TAG;
    /** Error class: invalid communicator. */
    public static final int ERR_COMM = ErrorClass.COMM;
    /** Error class: invalid rank. */
    public static final int ERR_RANK = ErrorClass.RANK;
    /** Error class: invalid request. */
    public static final int ERR_REQUEST = ErrorClass.REQUEST;
    /** Error class: invalid root. */
    public static final int ERR_ROOT = ErrorClass.ROOT;
    /** Error class: invalid group. */
    public static final int ERR_GROUP = ErrorClass.GROUP;
    /** Error class: invalid operation. */
    public static final int ERR_OP = ErrorClass.OP;
    /** Error class: invalid topology. */
    public static final int ERR_TOPOLOGY = ErrorClass.TOPOLOGY;
    /** Error class: invalid dimensions. */
    public static final int ERR_DIMS = ErrorClass.DIMS;
    /** Error class: invalid argument. */
    public static final int ERR_ARG = ErrorClass.ARG;
    /** Error class: unknown. */
    public static final int ERR_UNKNOWN = ErrorClass.UNKNOWN;
    /** Error class: message truncated. */
    public static final int ERR_TRUNCATE = ErrorClass.TRUNCATE;
    /** Error class: other. */
    public static final int ERR_OTHER = ErrorClass.OTHER;
    /** Error class: internal. */
    public static final int ERR_INTERN = ErrorClass.INTERN;
    /** Error class: a peer failed or the job was aborted. */
    public static final int ERR_PROC_FAILED = ErrorClass.PROC_FAILED;

    /** {@code byte} elements. */
    public static final Datatype BYTE = Datatype.basic("MPI.BYTE", PrimitiveKind.BYTE);
    /** {@code char} elements. */
    public static final Datatype CHAR = Datatype.basic("MPI.CHAR", PrimitiveKind.CHAR);
    /** {@code short} elements. */
    public static final Datatype SHORT = Datatype.basic("MPI.SHORT", PrimitiveKind.SHORT);
    /** {@code boolean} elements. */
    public static final Datatype BOOLEAN = Datatype.basic("MPI.BOOLEAN", PrimitiveKind.BOOLEAN);
    /** {@code int} elements. */
    public static final Datatype INT = Datatype.basic("MPI.INT", PrimitiveKind.INT);
    /** {@code long} elements. */
    public static final Datatype LONG = Datatype.basic("MPI.LONG", PrimitiveKind.LONG);
    /** {@code float} elements. */
    public static final Datatype FLOAT = Datatype.basic("MPI.FLOAT", PrimitiveKind.FLOAT);
    /** {@code double} elements. */
    public static final Datatype DOUBLE = Datatype.basic("MPI.DOUBLE", PrimitiveKind.DOUBLE);
    /** Serializable objects in {@code Object[]} buffers. */
    public static final Datatype OBJECT = Datatype.basic("MPI.OBJECT", PrimitiveKind.OBJECT);
    /** Packed data in {@code byte[]} buffers. */
    public static final Datatype PACKED = Datatype.basic("MPI.PACKED", PrimitiveKind.BYTE);
    /** Pairs of {@code short} (value, index) for MAXLOC and MINLOC. */
    public static final Datatype SHORT2 = Datatype.pair("MPI.SHORT2", PrimitiveKind.SHORT);
    /** Pairs of {@code int} (value, index) for MAXLOC and MINLOC. */
    public static final Datatype INT2 = Datatype.pair("MPI.INT2", PrimitiveKind.INT);
    /** Pairs of {@code long} (value, index) for MAXLOC and MINLOC. */
    public static final Datatype LONG2 = Datatype.pair("MPI.LONG2", PrimitiveKind.LONG);
    /** Pairs of {@code float} (value, index) for MAXLOC and MINLOC. */
    public static final Datatype FLOAT2 = Datatype.pair("MPI.FLOAT2", PrimitiveKind.FLOAT);
    /** Pairs of {@code double} (value, index) for MAXLOC and MINLOC. */
    public static final Datatype DOUBLE2 = Datatype.pair("MPI.DOUBLE2", PrimitiveKind.DOUBLE);
    /**
     * Lower bound marker for {@link Datatype#Struct}: placed at a displacement, it sets the lower
     * bound of the new type there. Has no elements and no base type, so it mixes with any type.
     */
    public static final Datatype LB = Datatype.lowerBoundMarker("MPI.LB");
    /**
     * Upper bound marker for {@link Datatype#Struct}: placed at a displacement, it sets the upper
     * bound of the new type there. Has no elements and no base type, so it mixes with any type.
     */
    public static final Datatype UB = Datatype.upperBoundMarker("MPI.UB");

    /** Reduction: maximum. */
    public static final Op MAX = Op.predefined("MPI.MAX", Operator.MAX);
    /** Reduction: minimum. */
    public static final Op MIN = Op.predefined("MPI.MIN", Operator.MIN);
    /** Reduction: sum. */
    public static final Op SUM = Op.predefined("MPI.SUM", Operator.SUM);
    /** Reduction: product. */
    public static final Op PROD = Op.predefined("MPI.PROD", Operator.PROD);
    /** Reduction: logical and. */
    public static final Op LAND = Op.predefined("MPI.LAND", Operator.LAND);
    /** Reduction: bitwise and. */
    public static final Op BAND = Op.predefined("MPI.BAND", Operator.BAND);
    /** Reduction: logical or. */
    public static final Op LOR = Op.predefined("MPI.LOR", Operator.LOR);
    /** Reduction: bitwise or. */
    public static final Op BOR = Op.predefined("MPI.BOR", Operator.BOR);
    /** Reduction: logical exclusive or. */
    public static final Op LXOR = Op.predefined("MPI.LXOR", Operator.LXOR);
    /** Reduction: bitwise exclusive or. */
    public static final Op BXOR = Op.predefined("MPI.BXOR", Operator.BXOR);
    /** Reduction on (value, index) pairs: the greatest value, lowest index among equals. */
    public static final Op MAXLOC = Op.predefined("MPI.MAXLOC", Operator.MAXLOC);
    /** Reduction on (value, index) pairs: the smallest value, lowest index among equals. */
    public static final Op MINLOC = Op.predefined("MPI.MINLOC", Operator.MINLOC);

    /** All processes of the job; acts for the calling thread's rank. */
    public static final Intracomm COMM_WORLD = new Intracomm(MpiProcess::world);
    /** The calling process alone. */
    public static final Intracomm COMM_SELF = new Intracomm(MpiProcess::self);
    /** The group with no members. */
    public static final Group GROUP_EMPTY = Group.empty();
    /**
     * The null request: put it in an array of requests to retire a slot; the calls on arrays skip
     * it, and {@code Wait} or {@code Test} on it return an empty status at once.
     */
    public static final Request REQUEST_NULL = Request.nullRequest();
    /** Error handler: a failing call throws {@link MPIException} (the default). */
    public static final Errhandler ERRORS_RETURN = new Errhandler("MPI.ERRORS_RETURN", false);
    /** Error handler: a failing call ends the whole job, naming the rank and the call. */
    public static final Errhandler ERRORS_ARE_FATAL = new Errhandler("MPI.ERRORS_ARE_FATAL", true);

    private static final class Clock {
        static final double TICK_SECONDS = measureTick();

        private static double measureTick() {
            long smallest = Long.MAX_VALUE;
            for (int sample = 0; sample < 20; sample++) {
                long start = System.nanoTime();
                long next;
                do {
                    next = System.nanoTime();
                } while (next == start);
                smallest = Math.min(smallest, next - start);
            }
            return smallest / 1e9;
        }
    }

    private static final class ProcessorName {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }

    /** Not instantiable: everything here is static. */
    protected MPI() {
    }

    /**
     * Initializes MPI for the calling rank and returns the program's arguments unchanged.
     * Without a launcher, starts a job of one rank.
     */
    public static String[] Init(String[] args) throws MPIException {
        MpiProcess process = RankBinding.current();
        if (process == null) {
            process = Singleton.start();
        }
        if (process.isFinalized()) {
            throw new MPIException(ErrorClass.OTHER, "Init: MPI.Finalize has already been called");
        }
        process.initialize();
        return args;
    }

    /** Initializes MPI and returns the thread level provided: always {@link #THREAD_MULTIPLE}. */
    public static int Init_thread(String[] args, int required) throws MPIException {
        Init(args);
        return THREAD_MULTIPLE;
    }

    /** The thread level provided: {@link #THREAD_MULTIPLE}. */
    public static int Query_thread() throws MPIException {
        return THREAD_MULTIPLE;
    }

    /** Whether the calling thread is the rank's main thread. */
    public static boolean Is_thread_main() throws MPIException {
        return RankBinding.current() != null;
    }

    /** Ends MPI for the calling rank, after its buffered sends have drained. */
    public static void Finalize() throws MPIException {
        MpiProcess process = RankBinding.current();
        if (process == null || !process.isInitialized()) {
            throw new MPIException(ErrorClass.OTHER, "Finalize: MPI.Init has not been called");
        }
        process.finalizeProcess();
    }

    /** Whether {@link #Init} has been called by this rank. */
    public static boolean Initialized() throws MPIException {
        MpiProcess process = RankBinding.current();
        return process != null && process.isInitialized();
    }

    /** Whether {@link #Finalize} has been called by this rank. */
    public static boolean Finalized() throws MPIException {
        MpiProcess process = RankBinding.current();
        return process != null && process.isFinalized();
    }

    /** Elapsed time in seconds since an arbitrary point in the past. */
    public static double Wtime() {
        return System.nanoTime() / 1e9;
    }

    /** Resolution of {@link #Wtime()} in seconds, as measured on this machine. */
    public static double Wtick() {
        return Clock.TICK_SECONDS;
    }

    /** Name of the host this rank runs on. */
    public static String Get_processor_name() throws MPIException {
        return ProcessorName.NAME;
    }

    /**
     * Profiling control ({@code MPI_Pcontrol}): does nothing, since no profiling library is
     * attached to this implementation; {@code level} and {@code obj} are ignored.
     */
    public static void Pcontrol(int level, Object obj) throws MPIException {
        process("Pcontrol");
    }

    /** Provides {@code buffer} as space for buffered-mode sends. */
    public static void Buffer_attach(byte[] buffer) throws MPIException {
        if (buffer == null) {
            throw new MPIException(ErrorClass.BUFFER, "Buffer_attach: buffer is null");
        }
        process("Buffer_attach").attachBuffer(buffer, buffer.length);
    }

    /** Provides the remaining bytes of {@code buffer} as space for buffered-mode sends. */
    public static void Buffer_attach(ByteBuffer buffer) throws MPIException {
        if (buffer == null) {
            throw new MPIException(ErrorClass.BUFFER, "Buffer_attach: buffer is null");
        }
        process("Buffer_attach").attachBuffer(buffer, buffer.remaining());
    }

    /**
     * Waits until every buffered send has been delivered, then detaches the buffer. Returns the
     * attached array ({@code null} if none was attached, or if a {@link ByteBuffer} without an
     * accessible array was).
     */
    public static byte[] Buffer_detach() throws MPIException {
        Object buffer = process("Buffer_detach").detachBuffer();
        if (buffer instanceof ByteBuffer bytes) {
            return bytes.hasArray() ? bytes.array() : null;
        }
        return (byte[]) buffer;
    }

    private static MpiProcess process(String call) {
        MpiProcess process = RankBinding.current();
        if (process == null) {
            throw new MPIException(ErrorClass.OTHER, call + ": MPI.Init has not been called");
        }
        process.checkActive(call);
        return process;
    }
}
