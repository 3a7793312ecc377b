package mpi;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Communicators;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.ProcessGroup;
import org.mpjcluster.engine.topology.CartesianTopology;
import org.mpjcluster.engine.topology.GraphTopology;

/** An intracommunicator: a communicator within one group of processes. */
public class Intracomm extends Comm {

    Intracomm(MpiProcess process, Communicator communicator) {
        super(process, communicator);
    }

    Intracomm(Function<MpiProcess, Communicator> route) {
        super(route);
    }

    @Override
    Comm like(MpiProcess owner, Communicator communicator) {
        return new Intracomm(owner, communicator);
    }

    /** A new intracommunicator with the same group and a new context. Collective. */
    @Override
    public Intracomm Dup() throws MPIException {
        return (Intracomm) super.Dup();
    }

    // ------------------------------------------------------------ new communicators

    /**
     * Partitions the group into one new communicator per {@code colour}, ranked by {@code key}
     * and then by rank here. Collective. Returns {@code null} to a process whose colour is
     * {@link MPI#UNDEFINED}.
     */
    public Intracomm Split(int colour, int key) throws MPIException {
        return apply("Split", c -> bind("Split", Communicators.split(process("Split"), c, colour, key)));
    }

    /**
     * A new communicator of the processes of {@code group}, which must be a subset of this
     * communicator's group and the same on every process. Collective. Returns {@code null} to the
     * processes outside {@code group}.
     */
    public Intracomm Create(Group group) throws MPIException {
        return apply("Create", c -> {
            ProcessGroup members = subgroup("Create", c, group);
            return bind("Create", Communicators.subset(process("Create"), c, members));
        });
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
            checkRank(call, "local_leader", local_leader, local.size());
            Communicator peer = null;
            if (local.rank() == local_leader) {
                peer = communicator(call);
                checkRank(call, "remote_leader", remote_leader, peer.remoteSize());
                Args.checkSendTag(call, tag);
            }
            MpiProcess owner = local_comm.process(call);
            return new Intercomm(owner, Communicators.intercomm(owner, local, local_leader, peer, remote_leader, tag));
        });
    }

    // ------------------------------------------------------------ topologies

    /**
     * A communicator with a Cartesian grid of {@code dims} processes, periodic where
     * {@code periods} says, over the first ranks of this communicator (ranks are not reordered).
     * Collective. Returns {@code null} to the ranks outside the grid.
     */
    public Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder) throws MPIException {
        return apply("Create_cart", c -> {
            CartesianTopology grid = CartesianTopology.of("Create_cart", dims, periods, c.size());
            Communicator made = Communicators.subset(process("Create_cart"), c, first(c, grid.size()));
            return made == null ? null : new Cartcomm(process("Create_cart"), made, grid);
        });
    }

    /**
     * A communicator with the graph topology of {@code index} and {@code edges} over the first
     * ranks of this communicator (ranks are not reordered). Collective. Returns {@code null} to
     * the ranks outside the graph.
     */
    public Graphcomm Create_graph(int[] index, int[] edges, boolean reorder) throws MPIException {
        return apply("Create_graph", c -> {
            GraphTopology graph = GraphTopology.of("Create_graph", index, edges, c.size());
            Communicator made = Communicators.subset(process("Create_graph"), c, first(c, graph.nodes()));
            return made == null ? null : new Graphcomm(process("Create_graph"), made, graph);
        });
    }

    // ------------------------------------------------------------ helpers

    /** The facade of a communicator just made for the calling process, or {@code null}. */
    private Intracomm bind(String call, Communicator made) {
        return made == null ? null : new Intracomm(process(call), made);
    }

    /** The group of the first {@code count} ranks of {@code c}. */
    static ProcessGroup first(Communicator c, int count) {
        return ProcessGroup.of(Arrays.copyOf(c.localEndpoints(), count));
    }

    /** {@code group}'s members, checked to be members of {@code c}. */
    private static ProcessGroup subgroup(String call, Communicator c, Group group) {
        if (group == null) {
            throw new MPIException(ErrorClass.GROUP, call + ": group is null");
        }
        ProcessGroup members = group.members(call);
        ProcessGroup all = ProcessGroup.of(c.localEndpoints());
        IntStream.of(members.endpoints()).filter(endpoint -> !all.contains(endpoint)).findFirst()
            .ifPresent(outsider -> {
                throw new MPIException(ErrorClass.GROUP, call + ": the group contains world rank " + outsider
                    + ", which is not in this communicator; the group must be a subset of the communicator's group");
            });
        return members;
    }

    static void checkRank(String call, String name, int rank, int size) {
        if (rank < 0 || rank >= size) {
            throw new MPIException(ErrorClass.RANK, call + ": " + name + " is " + rank
                + ", which is not a rank of the communicator (ranks 0.." + (size - 1) + ")");
        }
    }
}
