package mpi;

import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.coll.Operator;
import org.mpjcluster.engine.coll.Reduction;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * A reduction operation for {@code Reduce}, {@code Allreduce}, {@code Reduce_scatter},
 * {@code Scan} and {@code Exscan}: one of the predefined operations ({@link MPI#SUM},
 * {@link MPI#MAXLOC}, ...) or a {@link User_function}.
 */
public class Op {

    private final String name;
    private final Operator operator;
    private final User_function function;
    private final boolean commute;
    // Ranks of one JVM may share an operation object (a static field of a class they share).
    private volatile boolean freed;

    private Op(String name, Operator operator, User_function function, boolean commute) {
        this.name = name;
        this.operator = operator;
        this.function = function;
        this.commute = commute;
    }

    /**
     * A user-defined operation. {@code commute} says whether it is commutative; if it is not, the
     * operands are combined in rank order. Every operation must be associative.
     */
    public Op(User_function function, boolean commute) throws MPIException {
        this("user-defined operation " + (function == null ? "" : function.getClass().getName()),
            null, requireFunction(function), commute);
    }

    static Op predefined(String name, Operator operator) {
        return new Op(name, operator, null, true);
    }

    private static User_function requireFunction(User_function function) {
        if (function == null) {
            throw new MPIException(ErrorClass.OP, "Op: function is null; pass a User_function whose Call combines two vectors");
        }
        return function;
    }

    /** Whether the operation is commutative (every predefined one is). */
    public boolean Is_commute() throws MPIException {
        checkNotFreed("Is_commute");
        return commute;
    }

    /**
     * Releases a user-defined operation (mpiJava 1.2's binding of {@code MPI_OP_FREE}): it can no
     * longer be used in any call; reductions already started complete. Predefined operations
     * cannot be freed. As in mpiJava, the garbage collector also calls it on an operation no
     * longer reachable, which frees nothing still in use.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void finalize() throws MPIException {
        if (function == null) {
            throw new MPIException(ErrorClass.OP, "finalize: " + name + " is a predefined operation; only "
                + "user-defined operations can be freed");
        }
        checkNotFreed("finalize");
        freed = true;
    }

    private void checkNotFreed(String call) {
        if (freed) {
            throw new MPIException(ErrorClass.OP, call + ": " + name + " has been freed");
        }
    }

    /**
     * The operation bound to {@code datatype}, whose layout over the call's buffers is
     * {@code layout}, for one call, or an {@code MPI_ERR_OP} naming {@code call} if it does not
     * apply to that datatype.
     */
    Reduction reduction(String call, Datatype datatype, TypeLayout layout) {
        checkNotFreed(call);
        if (function != null) {
            return Reduction.userDefined((in, inOffset, inout, inoutOffset, count) ->
                function.Call(in, inOffset, inout, inoutOffset, count, datatype), commute, layout);
        }
        if (!operator.appliesTo(layout)) {
            String hint = layout.kind() == PrimitiveKind.OBJECT ? " (reduce MPI.OBJECT data with a user-defined Op)" : "";
            throw new MPIException(ErrorClass.OP, call + ": op " + name + " does not apply to datatype " + datatype
                + (datatype.kind() == null ? " over " + layout.kind() + " buffers" : "") + "; it takes "
                + operator.domain() + hint);
        }
        return Reduction.predefined(operator, layout);
    }

    @Override
    public String toString() {
        return name;
    }
}
