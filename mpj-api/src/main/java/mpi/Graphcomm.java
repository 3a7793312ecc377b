package mpi;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.topology.GraphTopology;

/**
 * An intracommunicator whose processes form a graph. Made by {@link Intracomm#Create_graph}. A bad
 * graph description is {@link MPI#ERR_TOPOLOGY}; a rank outside the graph is {@link MPI#ERR_RANK}.
 */
public class Graphcomm extends Intracomm {

    private final GraphTopology graph;

    Graphcomm(MpiProcess process, Communicator communicator, GraphTopology graph) {
        super(process, communicator);
        this.graph = graph;
    }

    @Override
    Comm like(MpiProcess owner, Communicator communicator) {
        return new Graphcomm(owner, communicator, graph);
    }

    @Override
    int topology() {
        return MPI.GRAPH;
    }

    /** A new communicator with the same graph and a new context. Collective. */
    @Override
    public Graphcomm Dup() throws MPIException {
        return (Graphcomm) super.Dup();
    }

    /** The graph: cumulative neighbour counts and the neighbours of each node. */
    public GraphParms Get() throws MPIException {
        return apply("Get", c -> new GraphParms(graph.index(), graph.edges()));
    }

    /** The neighbours of {@code rank}. */
    public int[] Neighbours(int rank) throws MPIException {
        return apply("Neighbours", c -> graph.neighbours("Neighbours", rank));
    }

    /**
     * The rank the caller would have in the graph of {@code index} and {@code edges} over this
     * communicator's group, or {@link MPI#UNDEFINED} if it would be outside the graph. Ranks are
     * not reordered, so this is the caller's rank when it is inside.
     */
    public int Map(int[] index, int[] edges) throws MPIException {
        return apply("Map", c -> {
            GraphTopology wanted = GraphTopology.of("Map", index, edges, c.size());
            return c.rank() < wanted.nodes() ? c.rank() : Ranks.UNDEFINED;
        });
    }
}
