package mpi;

/**
 * A user-defined reduction operation, made into an {@link Op} with {@link Op#Op(User_function, boolean)}.
 * Subclasses implement {@link #Call}.
 */
public abstract class User_function {

    /** For subclasses. */
    protected User_function() {
    }

    /**
     * Combines {@code count} items of {@code datatype}: {@code inoutvec[i] = invec[i] op inoutvec[i]},
     * item {@code i} of {@code invec} starting at element {@code inoffset + i * extent} (likewise
     * for {@code inoutvec}). {@code invec} holds the contribution of the lower ranks, which matters
     * when the operation is not commutative.
     */
    public abstract void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count,
                              Datatype datatype) throws MPIException;
}
