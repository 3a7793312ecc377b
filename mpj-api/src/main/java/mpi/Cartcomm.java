package mpi;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Communicators;
import org.mpjcluster.engine.MpiProcess;
import org.mpjcluster.engine.ProcessGroup;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.topology.CartesianTopology;

/**
 * An intracommunicator whose processes form a Cartesian grid, ranks laid out in row-major order.
 * Made by {@link Intracomm#Create_cart}. A bad {@code dims} array is {@link MPI#ERR_DIMS}; other
 * bad topology arguments (coordinates, directions, arrays of the wrong length) are
 * {@link MPI#ERR_TOPOLOGY}; a rank outside the grid is {@link MPI#ERR_RANK}.
 */
public class Cartcomm extends Intracomm {

    private final CartesianTopology grid;

    Cartcomm(MpiProcess process, Communicator communicator, CartesianTopology grid) {
        super(process, communicator);
        this.grid = grid;
    }

    @Override
    Comm like(MpiProcess owner, Communicator communicator) {
        return new Cartcomm(owner, communicator, grid);
    }

    @Override
    int topology() {
        return MPI.CART;
    }

    /** A new communicator with the same grid and a new context. Collective. */
    @Override
    public Cartcomm Dup() throws MPIException {
        return (Cartcomm) super.Dup();
    }

    /** The grid's dimensions and periods, and the caller's coordinates. */
    public CartParms Get() throws MPIException {
        return apply("Get", c -> new CartParms(grid.dims(), grid.periods(), grid.coords("Get", c.rank())));
    }

    /** The rank at {@code coords}; coordinates in periodic dimensions wrap around. */
    public int Rank(int[] coords) throws MPIException {
        return apply("Rank", c -> grid.rank("Rank", coords));
    }

    /** The coordinates of {@code rank}. */
    public int[] Coords(int rank) throws MPIException {
        return apply("Coords", c -> grid.coords("Coords", rank));
    }

    /**
     * The source and destination of a shift by {@code disp} along dimension {@code direction}:
     * the ranks {@code disp} steps behind and ahead of the caller.
     */
    public ShiftParms Shift(int direction, int disp) throws MPIException {
        return apply("Shift", c -> {
            int[] partners = grid.shift("Shift", c.rank(), direction, disp);
            return new ShiftParms(partners[0], partners[1]);
        });
    }

    /**
     * Splits the grid into sub-grids of the dimensions {@code remain_dims} keeps; returns the
     * caller's. Collective.
     */
    public Cartcomm Sub(boolean[] remain_dims) throws MPIException {
        return apply("Sub", c -> {
            CartesianTopology sub = grid.sub("Sub", remain_dims);
            int[] members = grid.subMembers("Sub", c.rank(), remain_dims);
            MpiProcess owner = process("Sub");
            Communicator made = Communicators.subset(owner, c, ProcessGroup.of(c.localEndpoints()).include(members));
            return new Cartcomm(owner, made, sub);
        });
    }

    /**
     * The rank the caller would have in a grid of {@code dims} and {@code periods} over this
     * communicator's group, or {@link MPI#UNDEFINED} if it would be outside the grid. Ranks are not
     * reordered, so this is the caller's rank when it is inside.
     */
    public int Map(int[] dims, boolean[] periods) throws MPIException {
        return apply("Map", c -> {
            CartesianTopology wanted = CartesianTopology.of("Map", dims, periods, c.size());
            return c.rank() < wanted.size() ? c.rank() : Ranks.UNDEFINED;
        });
    }

    /**
     * Fills the zero entries of {@code dims} with a balanced grid for {@code nnodes} processes: the
     * product of all entries becomes {@code nnodes}, and the filled entries are as close to each
     * other as possible, in non-increasing order. Non-zero entries are kept.
     *
     * @throws MPIException {@link MPI#ERR_DIMS} if that is impossible or an entry is negative
     */
    public static void Dims_create(int nnodes, int[] dims) throws MPIException {
        CartesianTopology.dimsCreate(nnodes, dims);
    }
}
