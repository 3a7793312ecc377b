package mpi;

import static mpi.CollectiveArgs.BUFFER;
import static mpi.CollectiveArgs.RECEIVE;
import static mpi.CollectiveArgs.REDUCE_RECEIVE;
import static mpi.CollectiveArgs.REDUCE_SEND;
import static mpi.CollectiveArgs.SEND;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Communicators;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.ProcessGroup;
import org.mpjcluster.engine.coll.Collectives;
import org.mpjcluster.engine.coll.RankBlocks;
import org.mpjcluster.engine.coll.Reduction;
import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.topology.CartesianTopology;
import org.mpjcluster.engine.topology.GraphTopology;

/**
 * An intracommunicator: a communicator within one group of processes, with the collective
 * operations. Every rank of the communicator must make the same collective calls in the same
 * order, with counts and datatypes that agree. Offsets, counts and displacements are in items of
 * the datatype, as in mpiJava. Arguments marked "significant only at the root" may be anything
 * (even {@code null}) on the other ranks.
 */
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
        return create("Create", group);
    }

    /** The same as {@link #Create}, under the name mpiJava 1.2 gives it. */
    public Intracomm Creat(Group group) throws MPIException {
        return create("Creat", group);
    }

    private Intracomm create(String call, Group group) {
        return apply(call, c -> {
            ProcessGroup members = subgroup(call, c, group);
            return bind(call, Communicators.subset(process(call), c, members));
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

    // ------------------------------------------------------------ collectives

    /** Blocks until every rank of the communicator has called it. */
    public void Barrier() throws MPIException {
        run("Barrier", c -> Collectives.barrier("Barrier", c));
    }

    /** Copies {@code count} items of {@code buf} from rank {@code root} to every other rank. */
    public void Bcast(Object buf, int offset, int count, Datatype type, int root) throws MPIException {
        run("Bcast", c -> {
            CollectiveArgs.root("Bcast", root, c.size());
            MessageBuffer buffer = CollectiveArgs.buffer("Bcast", BUFFER, buf, offset, count, type);
            Collectives.bcast("Bcast", c, buffer, root);
        });
    }

    /**
     * Each rank sends {@code sendcount} items to {@code root}, which stores the items of rank
     * {@code i} as block {@code i} ({@code recvcount} items) of {@code recvbuf}. The receive
     * arguments are significant only at the root.
     */
    public void Gather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                       int recvoffset, int recvcount, Datatype recvtype, int root) throws MPIException {
        run("Gather", c -> {
            CollectiveArgs.root("Gather", root, c.size());
            MessageBuffer send = CollectiveArgs.buffer("Gather", SEND, sendbuf, sendoffset, sendcount, sendtype);
            RankBlocks recv = null;
            if (c.rank() == root) {
                recv = CollectiveArgs.blocks("Gather", RECEIVE, recvbuf, recvoffset, recvcount, recvtype, c.size());
                CollectiveArgs.sameKind("Gather", sendtype, send.kind(), recvtype, recv.kind());
            }
            Collectives.gather("Gather", c, send, recv, root, true);
        });
    }

    /**
     * Like {@link #Gather}, but the root stores rank {@code i}'s {@code recvcount[i]} items at item
     * {@code displs[i]} of {@code recvbuf}. The receive arguments are significant only at the root.
     */
    public void Gatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                        int recvoffset, int[] recvcount, int[] displs, Datatype recvtype, int root)
        throws MPIException {
        run("Gatherv", c -> {
            CollectiveArgs.root("Gatherv", root, c.size());
            MessageBuffer send = CollectiveArgs.buffer("Gatherv", SEND, sendbuf, sendoffset, sendcount, sendtype);
            RankBlocks recv = null;
            if (c.rank() == root) {
                recv = CollectiveArgs.blocks("Gatherv", RECEIVE, "displs", recvbuf, recvoffset, recvcount, displs,
                    recvtype, c.size());
                CollectiveArgs.sameKind("Gatherv", sendtype, send.kind(), recvtype, recv.kind());
            }
            Collectives.gather("Gatherv", c, send, recv, root, false);
        });
    }

    /**
     * The root sends block {@code i} ({@code sendcount} items) of {@code sendbuf} to rank {@code i},
     * which stores it in {@code recvbuf}. The send arguments are significant only at the root.
     */
    public void Scatter(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                        int recvoffset, int recvcount, Datatype recvtype, int root) throws MPIException {
        run("Scatter", c -> {
            CollectiveArgs.root("Scatter", root, c.size());
            MessageBuffer recv = CollectiveArgs.buffer("Scatter", RECEIVE, recvbuf, recvoffset, recvcount, recvtype);
            RankBlocks send = null;
            if (c.rank() == root) {
                send = CollectiveArgs.blocks("Scatter", SEND, sendbuf, sendoffset, sendcount, sendtype, c.size());
                CollectiveArgs.sameKind("Scatter", sendtype, send.kind(), recvtype, recv.kind());
            }
            Collectives.scatter("Scatter", c, send, recv, root, true);
        });
    }

    /**
     * Like {@link #Scatter}, but rank {@code i} gets the {@code sendcount[i]} items at item
     * {@code displs[i]} of {@code sendbuf}. The send arguments are significant only at the root.
     */
    public void Scatterv(Object sendbuf, int sendoffset, int[] sendcount, int[] displs, Datatype sendtype,
                         Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int root)
        throws MPIException {
        run("Scatterv", c -> {
            CollectiveArgs.root("Scatterv", root, c.size());
            MessageBuffer recv = CollectiveArgs.buffer("Scatterv", RECEIVE, recvbuf, recvoffset, recvcount, recvtype);
            RankBlocks send = null;
            if (c.rank() == root) {
                send = CollectiveArgs.blocks("Scatterv", SEND, "displs", sendbuf, sendoffset, sendcount, displs,
                    sendtype, c.size());
                CollectiveArgs.sameKind("Scatterv", sendtype, send.kind(), recvtype, recv.kind());
            }
            Collectives.scatter("Scatterv", c, send, recv, root, false);
        });
    }

    /** Like {@link #Gather}, but every rank receives every block. */
    public void Allgather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                          int recvoffset, int recvcount, Datatype recvtype) throws MPIException {
        run("Allgather", c -> {
            MessageBuffer send = CollectiveArgs.buffer("Allgather", SEND, sendbuf, sendoffset, sendcount, sendtype);
            RankBlocks recv = CollectiveArgs.blocks("Allgather", RECEIVE, recvbuf, recvoffset, recvcount, recvtype,
                c.size());
            CollectiveArgs.sameKind("Allgather", sendtype, send.kind(), recvtype, recv.kind());
            Collectives.allgather("Allgather", c, send, recv);
        });
    }

    /** Like {@link #Gatherv}, but every rank receives every block. */
    public void Allgatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                           int recvoffset, int[] recvcount, int[] displs, Datatype recvtype) throws MPIException {
        run("Allgatherv", c -> {
            MessageBuffer send = CollectiveArgs.buffer("Allgatherv", SEND, sendbuf, sendoffset, sendcount, sendtype);
            RankBlocks recv = CollectiveArgs.blocks("Allgatherv", RECEIVE, "displs", recvbuf, recvoffset, recvcount,
                displs, recvtype, c.size());
            CollectiveArgs.sameKind("Allgatherv", sendtype, send.kind(), recvtype, recv.kind());
            Collectives.allgather("Allgatherv", c, send, recv);
        });
    }

    /**
     * Every rank sends block {@code j} ({@code sendcount} items) of {@code sendbuf} to rank
     * {@code j}, and stores the block from rank {@code i} as block {@code i} of {@code recvbuf}.
     */
    public void Alltoall(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
                         int recvoffset, int recvcount, Datatype recvtype) throws MPIException {
        run("Alltoall", c -> {
            RankBlocks send = CollectiveArgs.blocks("Alltoall", SEND, sendbuf, sendoffset, sendcount, sendtype, c.size());
            RankBlocks recv = CollectiveArgs.blocks("Alltoall", RECEIVE, recvbuf, recvoffset, recvcount, recvtype,
                c.size());
            CollectiveArgs.sameKind("Alltoall", sendtype, send.kind(), recvtype, recv.kind());
            Collectives.alltoall("Alltoall", c, send, recv);
        });
    }

    /**
     * Like {@link #Alltoall}, with blocks of {@code sendcount[j]} items at item {@code sdispls[j]}
     * of {@code sendbuf} and of {@code recvcount[i]} items at item {@code rdispls[i]} of
     * {@code recvbuf}.
     */
    public void Alltoallv(Object sendbuf, int sendoffset, int[] sendcount, int[] sdispls, Datatype sendtype,
                          Object recvbuf, int recvoffset, int[] recvcount, int[] rdispls, Datatype recvtype)
        throws MPIException {
        run("Alltoallv", c -> {
            RankBlocks send = CollectiveArgs.blocks("Alltoallv", SEND, "sdispls", sendbuf, sendoffset, sendcount,
                sdispls, sendtype, c.size());
            RankBlocks recv = CollectiveArgs.blocks("Alltoallv", RECEIVE, "rdispls", recvbuf, recvoffset, recvcount,
                rdispls, recvtype, c.size());
            CollectiveArgs.sameKind("Alltoallv", sendtype, send.kind(), recvtype, recv.kind());
            Collectives.alltoall("Alltoallv", c, send, recv);
        });
    }

    /**
     * Combines the {@code count} items of every rank's {@code sendbuf} with {@code op}, item by
     * item, into {@code recvbuf} at {@code root}. The receive arguments are significant only at
     * the root.
     */
    public void Reduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
                       Op op, int root) throws MPIException {
        run("Reduce", c -> {
            CollectiveArgs.root("Reduce", root, c.size());
            MessageBuffer send = CollectiveArgs.buffer("Reduce", REDUCE_SEND, sendbuf, sendoffset, count, datatype);
            MessageBuffer recv = c.rank() != root ? null
                : CollectiveArgs.buffer("Reduce", REDUCE_RECEIVE, recvbuf, recvoffset, count, datatype);
            Reduction reduction = CollectiveArgs.reduction("Reduce", op, datatype, send, recv);
            Collectives.reduce("Reduce", c, send, recv, reduction, root);
        });
    }

    /** Like {@link #Reduce}, but every rank receives the result. */
    public void Allreduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count,
                          Datatype datatype, Op op) throws MPIException {
        run("Allreduce", c -> {
            MessageBuffer send = CollectiveArgs.buffer("Allreduce", REDUCE_SEND, sendbuf, sendoffset, count, datatype);
            MessageBuffer recv = CollectiveArgs.buffer("Allreduce", REDUCE_RECEIVE, recvbuf, recvoffset, count, datatype);
            Reduction reduction = CollectiveArgs.reduction("Allreduce", op, datatype, send, recv);
            Collectives.allreduce("Allreduce", c, send, recv, reduction);
        });
    }

    /**
     * Combines every rank's {@code sendbuf} (the sum of {@code recvcounts} items) with {@code op}
     * and gives rank {@code i} the {@code recvcounts[i]} items of the result that follow those of
     * ranks {@code 0..i-1}.
     */
    public void Reduce_scatter(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int[] recvcounts,
                               Datatype datatype, Op op) throws MPIException {
        String call = "Reduce_scatter";
        run(call, c -> {
            int total = CollectiveArgs.counts(call, "recvcounts", recvcounts, c.size());
            MessageBuffer send = CollectiveArgs.buffer(call, new CollectiveArgs.Names("sendbuf", "sendoffset",
                "sum of recvcounts", "datatype"), sendbuf, sendoffset, total, datatype);
            MessageBuffer recv = CollectiveArgs.buffer(call, new CollectiveArgs.Names("recvbuf", "recvoffset",
                "recvcounts[" + c.rank() + "]", "datatype"), recvbuf, recvoffset, recvcounts[c.rank()], datatype);
            Reduction reduction = CollectiveArgs.reduction(call, op, datatype, send, recv);
            Collectives.reduceScatter(call, c, send, recv, recvcounts.clone(), reduction);
        });
    }

    /** Gives rank {@code i} in {@code recvbuf} the combination with {@code op} of ranks {@code 0..i}'s {@code sendbuf}. */
    public void Scan(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
                     Op op) throws MPIException {
        run("Scan", c -> {
            MessageBuffer send = CollectiveArgs.buffer("Scan", REDUCE_SEND, sendbuf, sendoffset, count, datatype);
            MessageBuffer recv = CollectiveArgs.buffer("Scan", REDUCE_RECEIVE, recvbuf, recvoffset, count, datatype);
            Reduction reduction = CollectiveArgs.reduction("Scan", op, datatype, send, recv);
            Collectives.scan("Scan", c, send, recv, reduction);
        });
    }

    /**
     * Gives rank {@code i > 0} in {@code recvbuf} the combination with {@code op} of ranks
     * {@code 0..i-1}'s {@code sendbuf}; rank 0's {@code recvbuf} is left unchanged.
     */
    public void Exscan(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
                       Op op) throws MPIException {
        run("Exscan", c -> {
            MessageBuffer send = CollectiveArgs.buffer("Exscan", REDUCE_SEND, sendbuf, sendoffset, count, datatype);
            MessageBuffer recv = CollectiveArgs.buffer("Exscan", REDUCE_RECEIVE, recvbuf, recvoffset, count, datatype);
            Reduction reduction = CollectiveArgs.reduction("Exscan", op, datatype, send, recv);
            Collectives.exscan("Exscan", c, send, recv, reduction);
        });
    }
}
