package mpi;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Communicators;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.ProcessGroup;

/**
 * An intercommunicator: two disjoint groups, the local one the caller belongs to and a remote one.
 * Point-to-point calls address ranks of the remote group, and messages received come from it.
 * Made by {@link Comm#Create_intercomm}.
 */
public class Intercomm extends Comm {

    Intercomm(MpiProcess process, Communicator communicator) {
        super(process, communicator);
    }

    @Override
    Comm like(MpiProcess owner, Communicator communicator) {
        return new Intercomm(owner, communicator);
    }

    /** A new intercommunicator with the same groups and a new context. Collective over both groups. */
    @Override
    public Intercomm Dup() throws MPIException {
        return (Intercomm) super.Dup();
    }

    /** Number of processes in the remote group. */
    public int Remote_size() throws MPIException {
        return apply("Remote_size", Communicator::remoteSize);
    }

    /** The remote group. */
    public Group Remote_group() throws MPIException {
        return apply("Remote_group", c -> new Group(ProcessGroup.of(c.remoteEndpoints()), c.engine().endpoint()));
    }

    /**
     * An intracommunicator of both groups: the group whose processes pass {@code high = false}
     * comes first (if both groups pass the same value, the group whose leader has the lower rank
     * in {@code MPI.COMM_WORLD} does). Collective over both groups.
     */
    public Intracomm Merge(boolean high) throws MPIException {
        return apply("Merge", c -> new Intracomm(process("Merge"), Communicators.merge(process("Merge"), c, high)));
    }
}
