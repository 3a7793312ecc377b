package mpi;

import java.lang.reflect.Array;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.TypeLayout;

/** Argument checks shared by the API calls; each error names the call and the argument. */
final class Args {

    private Args() {
    }

    static void checkType(String call, Datatype datatype) {
        if (datatype == null) {
            throw new MPIException(ErrorClass.TYPE, call + ": datatype is null");
        }
        String unusable = datatype.unusableReason();
        if (unusable != null) {
            throw new MPIException(ErrorClass.TYPE, call + ": datatype " + datatype + " " + unusable);
        }
    }

    /**
     * Refuses a message of more than 2 GiB - 1 bytes: message sizes are {@code int}s on the wire
     * and in the engine, so a larger one would silently wrap around.
     */
    static void checkMessageSize(String call, String countName, int count, Datatype datatype, TypeLayout layout) {
        long bytes = (long) count * layout.size() * layout.kind().byteSize();
        if (bytes > Integer.MAX_VALUE) {
            throw new MPIException(ErrorClass.COUNT, call + ": " + countName + " " + count + " of " + datatype
                + " makes " + bytes + " bytes; one message holds at most " + Integer.MAX_VALUE
                + " bytes, so send it in parts");
        }
    }

    /** Checks a buffer argument and returns it as the engine sees it. */
    static MessageBuffer buffer(String call, Object buf, int offset, int count, Datatype datatype) {
        checkType(call, datatype);
        if (count < 0) {
            throw new MPIException(ErrorClass.COUNT, call + ": count is " + count + "; it must be >= 0");
        }
        if (offset < 0) {
            throw new MPIException(ErrorClass.BUFFER, call + ": offset is " + offset + "; it must be >= 0");
        }
        if (buf == null) {
            throw new MPIException(ErrorClass.BUFFER, call + ": buf is null");
        }
        TypeLayout layout = datatype.layoutOver(buf);
        if (layout == null) {
            throw new MPIException(ErrorClass.BUFFER, call + ": buf is a " + buf.getClass().getSimpleName()
                + " but datatype " + datatype + " needs " + datatype.neededArray());
        }
        checkMessageSize(call, "count", count, datatype, layout);
        int length = Array.getLength(buf);
        long end = layout.endIndex(offset, count);
        long first = layout.firstIndex(offset, count);
        if (first < 0) {
            throw new MPIException(ErrorClass.BUFFER, call + ": offset " + offset + " and count " + count
                + " of " + datatype + " need elements " + first + ".." + (end - 1) + ", before the start of buf:"
                + " the datatype reaches " + (offset - first) + " elements below the offset, so the offset must"
                + " be at least " + (offset - first));
        }
        if (end > length) {
            throw new MPIException(ErrorClass.BUFFER, call + ": offset " + offset + " and count " + count
                + " of " + datatype + " need elements " + first + ".." + (end - 1) + " but buf has only "
                + length + " elements");
        }
        return new MessageBuffer(buf, offset, count, layout);
    }

    /** Checks that {@code rank}, the argument {@code name}, is a rank of a communicator of {@code size}. */
    static void checkRank(String call, String name, int rank, int size) {
        if (rank < 0 || rank >= size) {
            throw new MPIException(ErrorClass.RANK, call + ": " + name + " is " + rank
                + ", which is not a rank of the communicator (ranks 0.." + (size - 1) + ")");
        }
    }

    static void checkDestination(String call, int dest, int size) {
        if (dest != Ranks.PROC_NULL && (dest < 0 || dest >= size)) {
            throw new MPIException(ErrorClass.RANK, call + ": dest " + dest
                + " is not a rank of this communicator (ranks 0.." + (size - 1) + ", or MPI.PROC_NULL)");
        }
    }

    static void checkSource(String call, int source, int size) {
        if (source != Ranks.PROC_NULL && source != Ranks.ANY_SOURCE && (source < 0 || source >= size)) {
            throw new MPIException(ErrorClass.RANK, call + ": source " + source
                + " is not a rank of this communicator (ranks 0.." + (size - 1)
                + ", MPI.ANY_SOURCE or MPI.PROC_NULL)");
        }
    }

    static void checkSendTag(String call, int tag) {
        if (tag < 0) {
            throw new MPIException(ErrorClass.TAG, call + ": tag is " + tag + "; send tags must be 0.."
                + Ranks.TAG_UB);
        }
    }

    static void checkReceiveTag(String call, int tag) {
        if (tag < 0 && tag != Ranks.ANY_TAG) {
            throw new MPIException(ErrorClass.TAG, call + ": tag is " + tag
                + "; receive tags must be 0.." + Ranks.TAG_UB + " or MPI.ANY_TAG");
        }
    }
}
