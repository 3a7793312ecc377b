package mpi;

/**
 * The partners of a shift along one dimension, from {@link Cartcomm#Shift}: where the caller
 * receives from and sends to; {@link MPI#PROC_NULL} past the edge of a non-periodic dimension.
 */
public class ShiftParms {

    /** The rank the caller receives from. */
    public int rank_source;
    /** The rank the caller sends to. */
    public int rank_dest;

    ShiftParms(int rank_source, int rank_dest) {
        this.rank_source = rank_source;
        this.rank_dest = rank_dest;
    }
}
