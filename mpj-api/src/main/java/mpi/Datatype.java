package mpi;

import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * An MPI datatype: a primitive kind and a layout of elements of that kind. The predefined types
 * are fields of {@link MPI}.
 */
public class Datatype {

    private final String name;
    private final TypeLayout layout;
    private boolean committed;

    Datatype(String name, TypeLayout layout, boolean committed) {
        this.name = name;
        this.layout = layout;
        this.committed = committed;
    }

    static Datatype basic(String name, PrimitiveKind kind) {
        return new Datatype(name, TypeLayout.basic(kind), true);
    }

    static Datatype pair(String name, PrimitiveKind kind) {
        return new Datatype(name, TypeLayout.contiguous(2, TypeLayout.basic(kind)), true);
    }

    /** A new datatype of {@code count} consecutive copies of {@code oldtype}. */
    public static Datatype Contiguous(int count, Datatype oldtype) throws MPIException {
        if (count < 0) {
            throw new MPIException(ErrorClass.COUNT, "Contiguous: count is " + count + "; it must be >= 0");
        }
        Args.checkType("Contiguous", oldtype);
        return new Datatype("Contiguous(" + count + ", " + oldtype.name + ")",
            TypeLayout.contiguous(count, oldtype.layout), false);
    }

    /** Number of base elements in one item of this type. */
    public int Size() throws MPIException {
        return layout.size();
    }

    /** Distance between consecutive items of this type, in base elements. */
    public int Extent() throws MPIException {
        return layout.extent();
    }

    /** Lower bound of this type, in base elements. */
    public int Lb() throws MPIException {
        return layout.lowerBound();
    }

    /** Upper bound of this type, in base elements. */
    public int Ub() throws MPIException {
        return layout.lowerBound() + layout.extent();
    }

    /** Makes the type usable in communication. */
    public void Commit() throws MPIException {
        committed = true;
    }

    /** Releases the type; predefined types cannot be freed. */
    public void free() throws MPIException {
        committed = false;
    }

    TypeLayout layout() {
        return layout;
    }

    boolean isCommitted() {
        return committed;
    }

    PrimitiveKind kind() {
        return layout.kind();
    }

    @Override
    public String toString() {
        return name;
    }
}
