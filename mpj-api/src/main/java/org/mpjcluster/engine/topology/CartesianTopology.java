package org.mpjcluster.engine.topology;

import java.util.Arrays;
import java.util.stream.IntStream;
import mpi.MPIException;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.Ranks;

/**
 * A Cartesian grid of processes: its dimensions and which of them wrap around. Ranks are laid out
 * in row-major order (the last dimension varies fastest), as MPI specifies. Immutable.
 *
 * <p>Errors name the call: a bad {@code dims} array is {@code ERR_DIMS}; other bad topology
 * arguments (coordinates, directions, {@code periods} or {@code remain_dims} of the wrong length)
 * are {@code ERR_TOPOLOGY}; a rank outside the grid is {@code ERR_RANK}.
 */
public final class CartesianTopology {

    private final int[] dims;
    private final boolean[] periods;
    private final int size;

    private CartesianTopology(int[] dims, boolean[] periods) {
        this.dims = dims;
        this.periods = periods;
        this.size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    }

    /**
     * The grid {@code dims} with wrap-around {@code periods}, checked to fit in {@code available}
     * processes.
     */
    public static CartesianTopology of(String call, int[] dims, boolean[] periods, int available) {
        checkDims(call, dims);
        if (periods == null || periods.length != dims.length) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": periods has "
                + (periods == null ? "no" : String.valueOf(periods.length)) + " entries but dims has "
                + dims.length + "; give one period per dimension");
        }
        long needed = 1;
        for (int extent : dims) {
            if (extent <= 0) {
                throw new MPIException(ErrorClass.DIMS, call + ": dims " + Arrays.toString(dims)
                    + " has an extent of " + extent + "; every extent must be at least 1");
            }
            needed = Math.min(needed * extent, Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (needed > available) {
            throw new MPIException(ErrorClass.DIMS, call + ": dims " + Arrays.toString(dims) + " need "
                + needed + " processes but the communicator has only " + available);
        }
        return new CartesianTopology(dims.clone(), periods.clone());
    }

    /** Number of processes in the grid. */
    public int size() {
        return size;
    }

    /** The extent of each dimension (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Whether each dimension wraps around (a copy). */
    public boolean[] periods() {
        return periods.clone();
    }

    /** The coordinates of {@code rank}. */
    public int[] coords(String call, int rank) {
        if (rank < 0 || rank >= size) {
            throw new MPIException(ErrorClass.RANK, call + ": rank " + rank
                + " is not in the grid (ranks 0.." + (size - 1) + ")");
        }
        int[] coords = new int[dims.length];
        int rest = rank;
        for (int d = dims.length - 1; d >= 0; d--) {
            coords[d] = rest % dims[d];
            rest /= dims[d];
        }
        return coords;
    }

    /** The rank at {@code coords}; coordinates in periodic dimensions wrap around. */
    public int rank(String call, int[] coords) {
        if (coords == null || coords.length != dims.length) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": coords has "
                + (coords == null ? "no" : String.valueOf(coords.length)) + " entries but the grid has "
                + dims.length + " dimensions");
        }
        int rank = 0;
        for (int d = 0; d < dims.length; d++) {
            int c = coords[d];
            if (periods[d]) {
                c = Math.floorMod(c, dims[d]);
            } else if (c < 0 || c >= dims[d]) {
                throw new MPIException(ErrorClass.TOPOLOGY, call + ": coordinate " + c + " of dimension " + d
                    + " is outside 0.." + (dims[d] - 1) + " and the dimension is not periodic");
            }
            rank = rank * dims[d] + c;
        }
        return rank;
    }

    /**
     * The neighbours of {@code rank} at distance {@code disp} along {@code direction}: the rank
     * {@code disp} steps back (the source of a shift) and {@code disp} steps ahead (its
     * destination); {@link Ranks#PROC_NULL} past the edge of a non-periodic dimension.
     */
    public int[] shift(String call, int rank, int direction, int disp) {
        if (direction < 0 || direction >= dims.length) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": direction " + direction
                + " is not a dimension of the grid (0.." + (dims.length - 1) + ")");
        }
        int[] coords = coords(call, rank);
        return new int[] {step(call, coords, direction, -disp), step(call, coords, direction, disp)};
    }

    private int step(String call, int[] from, int direction, int disp) {
        int[] to = from.clone();
        long moved = (long) to[direction] + disp;
        if (periods[direction]) {
            to[direction] = (int) Math.floorMod(moved, (long) dims[direction]);
        } else if (moved < 0 || moved >= dims[direction]) {
            return Ranks.PROC_NULL;
        } else {
            to[direction] = (int) moved;
        }
        return rank(call, to);
    }

    /** The grid of the dimensions {@code remain} keeps. */
    public CartesianTopology sub(String call, boolean[] remain) {
        checkRemain(call, remain);
        return new CartesianTopology(
            IntStream.range(0, dims.length).filter(d -> remain[d]).map(d -> dims[d]).toArray(),
            keep(periods, remain));
    }

    /**
     * The ranks (in this grid, in rank order) of the sub-grid {@code remain} keeps that contains
     * {@code rank}: those whose coordinates in the dropped dimensions equal {@code rank}'s.
     */
    public int[] subMembers(String call, int rank, boolean[] remain) {
        checkRemain(call, remain);
        int[] mine = coords(call, rank);
        return IntStream.range(0, size).filter(other -> {
            int[] theirs = coords(call, other);
            return IntStream.range(0, dims.length).allMatch(d -> remain[d] || theirs[d] == mine[d]);
        }).toArray();
    }

    private void checkRemain(String call, boolean[] remain) {
        if (remain == null || remain.length != dims.length) {
            throw new MPIException(ErrorClass.TOPOLOGY, call + ": remain_dims has "
                + (remain == null ? "no" : String.valueOf(remain.length)) + " entries but the grid has "
                + dims.length + " dimensions");
        }
    }

    private static boolean[] keep(boolean[] values, boolean[] remain) {
        boolean[] kept = new boolean[(int) IntStream.range(0, remain.length).filter(d -> remain[d]).count()];
        int next = 0;
        for (int d = 0; d < remain.length; d++) {
            if (remain[d]) {
                kept[next++] = values[d];
            }
        }
        return kept;
    }

    static void checkDims(String call, int[] dims) {
        if (dims == null) {
            throw new MPIException(ErrorClass.DIMS, call + ": dims is null");
        }
    }

    /**
     * {@code MPI_Dims_create}: fills the zero entries of {@code dims} so that the product of all
     * entries is {@code nnodes}, with the filled entries as close to each other as possible and in
     * non-increasing order (the smallest largest entry, then the smallest second largest, and so
     * on). Non-zero entries are kept.
     *
     * @throws MPIException {@code ERR_DIMS} if an entry is negative, {@code nnodes} is not
     *         positive, or no such filling exists
     */
    public static void dimsCreate(int nnodes, int[] dims) {
        String call = "Dims_create";
        checkDims(call, dims);
        if (nnodes <= 0) {
            throw new MPIException(ErrorClass.DIMS, call + ": nnodes is " + nnodes + "; it must be at least 1");
        }
        long fixed = 1;
        int free = 0;
        for (int extent : dims) {
            if (extent < 0) {
                throw new MPIException(ErrorClass.DIMS, call + ": dims " + Arrays.toString(dims)
                    + " has the negative entry " + extent + "; entries are extents, or 0 to be chosen");
            }
            if (extent == 0) {
                free++;
            } else {
                fixed = Math.min(fixed * extent, (long) Integer.MAX_VALUE + 1);
            }
        }
        int[] chosen = nnodes % fixed == 0 ? Balanced.factors((int) (nnodes / fixed), free) : null;
        if (chosen == null) {
            throw new MPIException(ErrorClass.DIMS, call + ": " + nnodes + " processes cannot fill dims "
                + Arrays.toString(dims) + ": the fixed entries multiply to " + fixed
                + (free == 0 ? "" : ", which does not divide " + nnodes));
        }
        int next = 0;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 0) {
                dims[d] = chosen[next++];
            }
        }
    }
}
