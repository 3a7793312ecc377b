package mpi;

import org.mpjcluster.engine.AbortSignal;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Engine;
import org.mpjcluster.engine.JobFailure;

/**
 * What happens when a call on a communicator fails: {@link MPI#ERRORS_RETURN} (the default) throws
 * an {@link MPIException} to the caller; {@link MPI#ERRORS_ARE_FATAL} ends the whole job at the
 * failing call, as {@link Comm#Abort} does, with a message naming the rank and the call and the
 * error class as the job's exit status. Set with {@link Comm#Errhandler_set}; new communicators
 * start with their parent's handler.
 */
public class Errhandler {

    private final String name;
    private final boolean fatal;

    Errhandler(String name, boolean fatal) {
        this.name = name;
        this.fatal = fatal;
    }

    /** Whether this handler ends the job. */
    boolean isFatal() {
        return fatal;
    }

    /** The handler of {@code communicator}. */
    static Errhandler of(Communicator communicator) {
        return communicator.errorsAreFatal() ? MPI.ERRORS_ARE_FATAL : MPI.ERRORS_RETURN;
    }

    /**
     * Applies the handler of {@code communicator} to {@code error}, raised by {@code call}: returns
     * it for the caller to throw, or ends the job and unwinds the rank with an {@link AbortSignal}.
     */
    static MPIException raise(Communicator communicator, String call, MPIException error) {
        if (!communicator.errorsAreFatal()) {
            return error;
        }
        Engine engine = communicator.engine();
        int rank = engine.endpoint();
        String message = String.valueOf(error.getMessage());
        String named = message.startsWith(call + ":") ? message : call + ": " + message;
        int exitCode = error.getErrorClass() == MPI.SUCCESS ? 1 : error.getErrorClass();
        // The job's first failure is the one reported; a later fatal error still unwinds this rank.
        engine.job().abort(new JobFailure(rank, "rank " + rank + ": " + named
            + " (the communicator's error handler is MPI.ERRORS_ARE_FATAL)", exitCode, error));
        throw new AbortSignal(exitCode);
    }

    @Override
    public String toString() {
        return name;
    }
}
