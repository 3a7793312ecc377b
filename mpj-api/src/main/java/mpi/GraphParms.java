package mpi;

/** The graph topology of a communicator, from {@link Graphcomm#Get()}, in MPI's compressed form. */
public class GraphParms {

    /** {@code index[i]} is the total number of neighbours of nodes 0..i. */
    public int[] index;
    /** The neighbours of node 0, then those of node 1, and so on. */
    public int[] edges;

    GraphParms(int[] index, int[] edges) {
        this.index = index;
        this.edges = edges;
    }
}
