package org.mpjcluster.engine.topology;

import java.util.Arrays;
import mpi.MPIException;
import org.mpjcluster.engine.ErrorClass;

/**
 * A graph of processes in MPI's compressed form: node {@code i}'s neighbours are
 * {@code edges[index[i-1] .. index[i]-1]} ({@code index[-1]} taken as 0). Immutable. A bad
 * description is {@code ERR_TOPOLOGY}, a node outside the graph {@code ERR_RANK}.
 */
public final class GraphTopology {

    private final int[] index;
    private final int[] edges;

    private GraphTopology(int[] index, int[] edges) {
        this.index = index;
        this.edges = edges;
    }

    /** The graph of {@code index} and {@code edges}, checked to fit in {@code available} processes. */
    public static GraphTopology of(String call, int[] index, int[] edges, int available) {
        if (index == null || edges == null) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": " + (index == null ? "index" : "edges") + " is null");
        }
        int nodes = index.length;
        if (nodes > available) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": the graph has " + nodes
                + " nodes but the communicator has only " + available + " processes");
        }
        int previous = 0;
        for (int node = 0; node < nodes; node++) {
            if (index[node] < previous) {
                throw new MPIException(ErrorClass.TOPOLOGY, call + ": index " + Arrays.toString(index)
                    + " decreases at node " + node + "; index[i] is the total number of neighbours of nodes 0..i");
            }
            previous = index[node];
        }
        if (previous != edges.length) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": index says the graph has " + previous
                + " edges but edges has " + edges.length + " entries");
        }
        for (int edge : edges) {
            if (edge < 0 || edge >= nodes) {
                throw new MPIException(ErrorClass.TOPOLOGY, call + ": edges names node " + edge
                    + ", which is not a node of the graph (0.." + (nodes - 1) + ")");
            }
        }
        return new GraphTopology(index.clone(), edges.clone());
    }

    /** Number of nodes. */
    public int nodes() {
        return index.length;
    }

    /** The cumulative neighbour counts (a copy). */
    public int[] index() {
        return index.clone();
    }

    /** The neighbours of every node, one node after another (a copy). */
    public int[] edges() {
        return edges.clone();
    }

    /** The neighbours of {@code rank}, in the order given at creation. */
    public int[] neighbours(String call, int rank) {
        if (rank < 0 || rank >= index.length) {
            throw new MPIException(ErrorClass.RANK, call + ": rank " + rank
                + " is not a node of the graph (0.." + (index.length - 1) + ")");
        }
        return Arrays.copyOfRange(edges, rank == 0 ? 0 : index[rank - 1], index[rank]);
    }
}
