package mpi;

/** The Cartesian topology of a communicator and the caller's place in it, from {@link Cartcomm#Get()}. */
public class CartParms {

    /** The extent of each dimension. */
    public int[] dims;
    /** Whether each dimension wraps around. */
    public boolean[] periods;
    /** The calling process's coordinates. */
    public int[] coords;

    CartParms(int[] dims, boolean[] periods, int[] coords) {
        this.dims = dims;
        this.periods = periods;
        this.coords = coords;
    }
}
