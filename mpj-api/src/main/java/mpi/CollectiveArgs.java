package mpi;

import java.lang.reflect.Array;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.coll.RankBlocks;
import org.mpjcluster.engine.coll.Reduction;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * Argument checks of the collective calls. Each error names the call and the argument as the
 * call's signature names it ({@code sendbuf}, {@code recvcount}, ...).
 */
final class CollectiveArgs {

    /**
     * The names a call gives the arguments that describe one buffer.
     *
     * @param buf    the array
     * @param offset the first element
     * @param count  the number of items (per rank, for a buffer of blocks)
     * @param type   the datatype
     */
    record Names(String buf, String offset, String count, String type) {
    }

    /** {@code Bcast}'s buffer. */
    static final Names BUFFER = new Names("buf", "offset", "count", "type");
    /** The send side of gathers, scatters, allgathers and alltoalls. */
    static final Names SEND = new Names("sendbuf", "sendoffset", "sendcount", "sendtype");
    /** The receive side of gathers, scatters, allgathers and alltoalls. */
    static final Names RECEIVE = new Names("recvbuf", "recvoffset", "recvcount", "recvtype");
    /** The send side of reductions. */
    static final Names REDUCE_SEND = new Names("sendbuf", "sendoffset", "count", "datatype");
    /** The receive side of reductions. */
    static final Names REDUCE_RECEIVE = new Names("recvbuf", "recvoffset", "count", "datatype");

    private CollectiveArgs() {
    }

    static void root(String call, int root, int size) {
        if (root < 0 || root >= size) {
            throw error(ErrorClass.ROOT, call, "root " + root + " is not a rank of this communicator (ranks 0.."
                + (size - 1) + ")");
        }
    }

    /** {@code count} items of {@code type} in {@code buf} from {@code offset}, checked. */
    static MessageBuffer buffer(String call, Names names, Object buf, int offset, int count, Datatype type) {
        checkCount(call, names.count(), count);
        TypeLayout layout = checkArray(call, names, buf, offset, type);
        Args.checkMessageSize(call, names.count(), count, type, layout);
        checkRange(call, names, buf, type, offset, count, names.offset() + " " + offset + " and " + names.count()
            + " " + count);
        return new MessageBuffer(buf, offset, count, layout);
    }

    /** One block of {@code count} items per rank, one after the other, checked to fit the buffer. */
    static RankBlocks blocks(String call, Names names, Object buf, int offset, int count, Datatype type, int size) {
        checkCount(call, names.count(), count);
        TypeLayout layout = checkArray(call, names, buf, offset, type);
        long items = (long) count * size;
        if (items > Integer.MAX_VALUE) {
            throw error(ErrorClass.COUNT, call, names.count() + " " + count + " for each of " + size
                + " ranks makes more than " + Integer.MAX_VALUE + " items");
        }
        checkRange(call, names, buf, type, offset, (int) items, names.offset() + " " + offset + " and "
            + names.count() + " " + count + " for each of " + size + " ranks");
        return RankBlocks.uniform(buf, offset, count, layout, size);
    }

    /**
     * One block per rank, of {@code counts[i]} items from item {@code displs[i]}; {@code countsName}
     * and {@code displsName} are what the call calls those arrays.
     */
    static RankBlocks blocks(String call, Names names, String displsName, Object buf, int offset, int[] counts,
                             int[] displs, Datatype type, int size) {
        checkPerRank(call, names.count(), counts, size);
        checkPerRank(call, displsName, displs, size);
        TypeLayout layout = checkArray(call, names, buf, offset, type);
        int extent = layout.extent();
        for (int rank = 0; rank < size; rank++) {
            checkCount(call, names.count() + "[" + rank + "]", counts[rank]);
            long start = offset + (long) displs[rank] * extent;
            String what = names.offset() + " " + offset + ", " + displsName + "[" + rank + "] " + displs[rank]
                + " and " + names.count() + "[" + rank + "] " + counts[rank];
            if (start < 0 || start > Integer.MAX_VALUE) {
                throw error(ErrorClass.BUFFER, call, what + " of " + type + " start outside " + names.buf());
            }
            checkRange(call, names, buf, type, (int) start, counts[rank], what);
        }
        return new RankBlocks(buf, offset, layout, counts.clone(), displs.clone());
    }

    /** Checks an array of one non-negative count per rank; returns their sum. */
    static int counts(String call, String name, int[] counts, int size) {
        checkPerRank(call, name, counts, size);
        long total = 0;
        for (int rank = 0; rank < size; rank++) {
            checkCount(call, name + "[" + rank + "]", counts[rank]);
            total += counts[rank];
        }
        if (total > Integer.MAX_VALUE) {
            throw error(ErrorClass.COUNT, call, "the " + name + " add up to " + total + ", more than "
                + Integer.MAX_VALUE + " items");
        }
        return (int) total;
    }

    /**
     * Checks that the send and receive datatypes describe elements of the same kind, as they do
     * over the checked buffers {@code send} and {@code recv} (a type without elements takes the
     * kind of its buffer).
     */
    static void sameKind(String call, Datatype sendtype, PrimitiveKind send, Datatype recvtype, PrimitiveKind recv) {
        if (send != recv) {
            throw error(ErrorClass.TYPE, call, "sendtype " + sendtype + " holds " + send + " elements but recvtype "
                + recvtype + " holds " + recv + " elements; both must describe elements of the same kind"
                + (sendtype.kind() == null || recvtype.kind() == null
                    ? " (a type without elements holds those of its buffer)" : ""));
        }
    }

    /**
     * {@code op} bound to {@code datatype} over the checked buffers {@code send} and {@code recv}
     * ({@code null} where not significant), or an error if it is null or does not apply.
     */
    static Reduction reduction(String call, Op op, Datatype datatype, MessageBuffer send, MessageBuffer recv) {
        if (op == null) {
            throw error(ErrorClass.OP, call, "op is null; pass one of MPI.SUM, MPI.MAX, ... or a new Op(User_function, commute)");
        }
        if (recv != null && recv.kind() != send.kind()) {
            // Only a datatype without elements of its own accepts buffers of two kinds.
            throw error(ErrorClass.BUFFER, call, "sendbuf holds " + send.kind() + " elements but recvbuf holds "
                + recv.kind() + " elements; datatype " + datatype + " has no elements of its own, so it takes the "
                + "kind of its buffers, and both must be arrays of the same kind");
        }
        return op.reduction(call, datatype, send.layout());
    }

    static void checkType(String call, String name, Datatype type) {
        if (type == null) {
            throw error(ErrorClass.TYPE, call, name + " is null");
        }
        String unusable = type.unusableReason();
        if (unusable != null) {
            throw error(ErrorClass.TYPE, call, name + " " + type + " " + unusable);
        }
    }

    private static void checkCount(String call, String name, int count) {
        if (count < 0) {
            throw error(ErrorClass.COUNT, call, name + " is " + count + "; it must be >= 0");
        }
    }

    private static void checkPerRank(String call, String name, int[] values, int size) {
        if (values == null) {
            throw error(ErrorClass.ARG, call, name + " is null; it needs one entry per rank");
        }
        if (values.length < size) {
            throw error(ErrorClass.ARG, call, name + " has " + values.length + " entries but the communicator has "
                + size + " ranks");
        }
    }

    /** Checks the type, offset and array of a buffer; returns the type's layout over the array. */
    private static TypeLayout checkArray(String call, Names names, Object buf, int offset, Datatype type) {
        checkType(call, names.type(), type);
        if (offset < 0) {
            throw error(ErrorClass.BUFFER, call, names.offset() + " is " + offset + "; it must be >= 0");
        }
        if (buf == null) {
            throw error(ErrorClass.BUFFER, call, names.buf() + " is null");
        }
        TypeLayout layout = type.layoutOver(buf);
        if (layout == null) {
            throw error(ErrorClass.BUFFER, call, names.buf() + " is a " + buf.getClass().getSimpleName() + " but "
                + names.type() + " " + type + " needs " + type.neededArray());
        }
        return layout;
    }

    private static void checkRange(String call, Names names, Object buf, Datatype type, int offset, int count,
                                   String what) {
        TypeLayout layout = type.layout();
        int length = Array.getLength(buf);
        long first = layout.firstIndex(offset, count);
        long end = layout.endIndex(offset, count);
        if (first < 0 || end > length) {
            throw error(ErrorClass.BUFFER, call, what + " of " + type + " need elements " + first + ".." + (end - 1)
                + " but " + names.buf() + " has only " + length + " elements");
        }
    }

    /** The one place collective argument errors are made. */
    private static MPIException error(int errorClass, String call, String message) {
        return new MPIException(errorClass, call + ": " + message);
    }
}
