package mpi;

import org.mpjcluster.engine.ProbeResult;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.ReceiveOperation;
import org.mpjcluster.engine.data.PrimitiveKind;

/** What a completed receive or a probe found: source, tag, and the size of the message. */
public class Status {

    /** Rank of the message's sender in the communicator. */
    public int source;
    /** Tag of the message. */
    public int tag;
    /** Index of the completed request in the array given to {@code Waitany} and friends. */
    public int index;

    private final int elements;
    private final int bytes;
    private final boolean cancelled;

    Status(int source, int tag, int elements, int bytes, boolean cancelled) {
        this.source = source;
        this.tag = tag;
        this.index = Ranks.UNDEFINED;
        this.elements = elements;
        this.bytes = bytes;
        this.cancelled = cancelled;
    }

    /**
     * An empty status, as an inactive request completes with: source {@link MPI#ANY_SOURCE}, tag
     * {@link MPI#ANY_TAG}, no elements, not cancelled.
     */
    public Status() {
        this(Ranks.ANY_SOURCE, Ranks.ANY_TAG, 0, 0, false);
    }

    static Status empty() {
        return new Status();
    }

    static Status of(ReceiveOperation receive) {
        return new Status(receive.matchedSource(), receive.matchedTag(), receive.elements(),
            receive.bytes(), receive.isCancelled());
    }

    static Status of(ProbeResult probe) {
        return new Status(probe.source(), probe.tag(), probe.elements(), probe.bytes(), false);
    }

    /**
     * Number of items of {@code datatype} in the message, or {@link MPI#UNDEFINED} if the message
     * is not a whole number of them; 0 for a datatype without elements, as MPI defines.
     */
    public int Get_count(Datatype datatype) throws MPIException {
        Args.checkType("Get_count", datatype);
        int n = Get_elements(datatype);
        int size = datatype.Size();
        if (size == 0) {
            return 0;
        }
        return n % size == 0 ? n / size : Ranks.UNDEFINED;
    }

    /** Number of base elements of {@code datatype}'s kind in the message. */
    public int Get_elements(Datatype datatype) throws MPIException {
        Args.checkType("Get_elements", datatype);
        return datatype.kind() == PrimitiveKind.BYTE ? bytes : elements;
    }

    /** Whether the request this status came from was cancelled. */
    public boolean Test_cancelled() throws MPIException {
        return cancelled;
    }
}
