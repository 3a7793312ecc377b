package mpi;

import org.mpjcluster.engine.ErrorClass;

/**
 * Raised by an MPI call that fails. Carries the MPI error class ({@link MPI#ERR_TRUNCATE},
 * {@link MPI#ERR_RANK}, ...) and a message naming the call and what was wrong.
 *
 * <p>Unchecked, so programs written for either checked (mpiJava) or unchecked conventions
 * compile unchanged; every call still declares it.
 */
public class MPIException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorClass;

    /** An error of class {@link MPI#ERR_OTHER}. */
    public MPIException(String message) {
        this(ErrorClass.OTHER, message);
    }

    /** An error of class {@code errorClass} with a message saying what was wrong. */
    public MPIException(int errorClass, String message) {
        this(errorClass, message, null);
    }

    /** An error of class {@code errorClass} caused by {@code cause}. */
    public MPIException(int errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /** The MPI error class of this error. */
    public int getErrorClass() {
        return errorClass;
    }

    @Override
    public String toString() {
        return "mpi.MPIException [" + ErrorClass.name(errorClass) + "]: " + getMessage();
    }
}
