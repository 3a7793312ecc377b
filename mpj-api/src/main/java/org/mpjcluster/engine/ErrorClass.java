package org.mpjcluster.engine;

/**
 * MPI error classes, numbered as in the MPI standard, carried by every {@link mpi.MPIException}.
 */
public final class ErrorClass {
    /** No error. */
    public static final int SUCCESS = 0;
    /** Invalid buffer: wrong type, too small for offset and count, or buffered-send space. */
    public static final int BUFFER = 1;
    /** Invalid count argument. */
    public static final int COUNT = 2;
    /** Invalid datatype argument, or a message of another type. */
    public static final int TYPE = 3;
    /** Invalid tag argument. */
    public static final int TAG = 4;
    /** Invalid communicator. */
    public static final int COMM = 5;
    /** Invalid rank. */
    public static final int RANK = 6;
    /** Invalid request. */
    public static final int REQUEST = 7;
    /** Invalid root. */
    public static final int ROOT = 8;
    /** Invalid group. */
    public static final int GROUP = 9;
    /** Invalid operation. */
    public static final int OP = 10;
    /** Invalid topology. */
    public static final int TOPOLOGY = 11;
    /** Invalid dimension argument. */
    public static final int DIMS = 12;
    /** Invalid argument of some other kind. */
    public static final int ARG = 13;
    /** Unknown error. */
    public static final int UNKNOWN = 14;
    /** Message truncated on receive. */
    public static final int TRUNCATE = 15;
    /** Known error not in this list. */
    public static final int OTHER = 16;
    /** Internal error in the implementation. */
    public static final int INTERN = 17;
    /** A peer process failed or the job was aborted. */
    public static final int PROC_FAILED = 75;

    private ErrorClass() {
    }

    /** A short name for the error class, for messages. */
    public static String name(int errorClass) {
        return switch (errorClass) {
            case SUCCESS -> "MPI_SUCCESS";
            case BUFFER -> "MPI_ERR_BUFFER";
            case COUNT -> "MPI_ERR_COUNT";
            case TYPE -> "MPI_ERR_TYPE";
            case TAG -> "MPI_ERR_TAG";
            case COMM -> "MPI_ERR_COMM";
            case RANK -> "MPI_ERR_RANK";
            case REQUEST -> "MPI_ERR_REQUEST";
            case ROOT -> "MPI_ERR_ROOT";
            case GROUP -> "MPI_ERR_GROUP";
            case OP -> "MPI_ERR_OP";
            case TOPOLOGY -> "MPI_ERR_TOPOLOGY";
            case DIMS -> "MPI_ERR_DIMS";
            case ARG -> "MPI_ERR_ARG";
            case TRUNCATE -> "MPI_ERR_TRUNCATE";
            case OTHER -> "MPI_ERR_OTHER";
            case INTERN -> "MPI_ERR_INTERN";
            case PROC_FAILED -> "MPI_ERR_PROC_FAILED";
            default -> "MPI_ERR_UNKNOWN";
        };
    }
}
