package mpi;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * An MPI datatype: a primitive kind and a layout of elements of that kind. The predefined types
 * are fields of {@link MPI}; the static factories here build derived types from them.
 *
 * <p>As in mpiJava 1.2, and unlike MPI for C:
 * <ul>
 *   <li>displacements, strides, extents and bounds are counted in elements of the base type
 *       (the primitive kind of the buffer array), never in bytes;</li>
 *   <li>all elements of a derived type have one base type: a {@link #Struct} of, say,
 *       {@code MPI.INT} and {@code MPI.DOUBLE} is rejected with {@link MPI#ERR_TYPE}. Only the
 *       markers {@link MPI#LB} and {@link MPI#UB}, which have no base type, mix with any;</li>
 *   <li>a type with no elements and so no base type ({@code MPI.LB}, {@code MPI.UB}, a
 *       {@code Struct} of only those or of no blocks, and types built only from such types)
 *       describes a buffer of any kind: it takes the kind of the array it is given. It moves no
 *       data: a receive of it completes with 0 elements and leaves the buffer alone, but its
 *       extent still places the items of the types built from it;</li>
 *   <li>{@code MPI.OBJECT} derived types work like the others, over {@code Object[]} buffers.</li>
 * </ul>
 *
 * <p>Bounds follow MPI-1: the lower bound is the smallest {@code MPI.LB} marker in the type map if
 * there is one, otherwise the smallest element displacement; the upper bound is the largest
 * {@code MPI.UB} marker if there is one, otherwise one past the largest element displacement.
 * Markers stick: a type built from one that has markers has them too. Displacements may be
 * negative; a buffer must then hold the elements before its offset that the type touches. Only
 * elements the type covers must lie inside the buffer array, not the whole extent.
 *
 * <p>The type map is flattened into blocks once, when the type is built; {@link #Commit()} only
 * makes it usable in communication, where an uncommitted type is an {@code ERR_TYPE} error. The
 * types a new type is built from need not be committed, but must not be freed.
 *
 * <p>Edge cases: a type with no elements and only one kind of marker has both bounds at that
 * marker (no elements and no markers: both 0); markers may give an upper bound below the lower
 * bound, and so a negative extent, as MPI-1 allows.
 *
 * <p>Errors: a negative count is {@code ERR_COUNT}; a negative block length, arrays of different
 * lengths, a null array, and a type whose size or displacements do not fit in an {@code int} are
 * {@code ERR_ARG}; a null or freed type, or mixed base types, are {@code ERR_TYPE}. Freeing a
 * predefined type or freeing twice is {@code ERR_TYPE}, as is every later use of a freed type;
 * types built from it before stay valid, and communication already started completes.
 */
public class Datatype {

    private static final int NAMED_STRUCT_MEMBERS = 4;

    private final String name;
    private final TypeLayout layout;
    private final boolean predefined;
    // Ranks of one JVM may share a type object (a static field of a class they share).
    private volatile boolean committed;
    private volatile boolean freed;

    private Datatype(String name, TypeLayout layout, boolean predefined) {
        this.name = name;
        this.layout = layout;
        this.predefined = predefined;
        this.committed = predefined;
    }

    static Datatype basic(String name, PrimitiveKind kind) {
        return new Datatype(name, TypeLayout.basic(kind), true);
    }

    static Datatype pair(String name, PrimitiveKind kind) {
        return new Datatype(name, TypeLayout.contiguous(2, TypeLayout.basic(kind)), true);
    }

    static Datatype lowerBoundMarker(String name) {
        return new Datatype(name, TypeLayout.lowerBoundMarker(), true);
    }

    static Datatype upperBoundMarker(String name) {
        return new Datatype(name, TypeLayout.upperBoundMarker(), true);
    }

    // ------------------------------------------------------------ constructors of derived types

    /** A new datatype of {@code count} consecutive copies of {@code oldtype}, one extent apart. */
    public static Datatype Contiguous(int count, Datatype oldtype) throws MPIException {
        String call = "Contiguous";
        checkCount(call, "count", count);
        checkOldtype(call, "oldtype", oldtype);
        return derived(call, "Contiguous(" + count + ", " + oldtype + ")",
            () -> TypeLayout.contiguous(count, oldtype.layout));
    }

    /**
     * A new datatype of {@code count} blocks of {@code blocklength} consecutive copies of
     * {@code oldtype}, the blocks {@code stride} items of {@code oldtype} apart (that is,
     * {@code stride * oldtype.Extent()} base elements; the stride may be negative).
     */
    public static Datatype Vector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
        return strided("Vector", count, blocklength, stride, oldtype, true);
    }

    /**
     * Like {@link #Vector}, but {@code stride} is counted in base elements, not in items of
     * {@code oldtype} (mpiJava's counterpart of MPI's stride in bytes).
     */
    public static Datatype Hvector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
        return strided("Hvector", count, blocklength, stride, oldtype, false);
    }

    /**
     * A new datatype of blocks of consecutive copies of {@code oldtype}: block {@code i} has
     * {@code array_of_blocklengths[i]} copies and starts {@code array_of_displacements[i]} items of
     * {@code oldtype} (extents) from the origin. Blocks may be in any order and may overlap.
     */
    public static Datatype Indexed(int[] array_of_blocklengths, int[] array_of_displacements, Datatype oldtype)
        throws MPIException {
        return indexed("Indexed", array_of_blocklengths, array_of_displacements, oldtype, true);
    }

    /**
     * Like {@link #Indexed}, but the displacements are counted in base elements, not in items of
     * {@code oldtype}.
     */
    public static Datatype Hindexed(int[] array_of_blocklengths, int[] array_of_displacements, Datatype oldtype)
        throws MPIException {
        return indexed("Hindexed", array_of_blocklengths, array_of_displacements, oldtype, false);
    }

    /**
     * A new datatype of blocks of different types: block {@code i} has
     * {@code array_of_blocklengths[i]} consecutive copies of {@code array_of_types[i]} and starts
     * {@code array_of_displacements[i]} base elements from the origin. Every type must have the
     * same base type, except {@link MPI#LB} and {@link MPI#UB}, which set the bounds (and so the
     * extent) of the new type. The base types are checked even for blocks of length 0.
     */
    public static Datatype Struct(int[] array_of_blocklengths, int[] array_of_displacements,
                                  Datatype[] array_of_types) throws MPIException {
        String call = "Struct";
        checkBlocks(call, array_of_blocklengths, array_of_displacements);
        if (array_of_types == null) {
            throw new MPIException(ErrorClass.ARG, call + ": array_of_types is null");
        }
        if (array_of_types.length != array_of_blocklengths.length) {
            throw new MPIException(ErrorClass.ARG, call + ": array_of_types has " + array_of_types.length
                + " entries but array_of_blocklengths has " + array_of_blocklengths.length + "; they must match");
        }
        TypeLayout[] layouts = new TypeLayout[array_of_types.length];
        for (int i = 0; i < array_of_types.length; i++) {
            checkOldtype(call, "array_of_types[" + i + "]", array_of_types[i]);
            layouts[i] = array_of_types[i].layout;
        }
        checkOneBaseType(call, array_of_types);
        return derived(call, structName(array_of_types),
            () -> TypeLayout.struct(layouts, array_of_displacements, array_of_blocklengths));
    }

    // ------------------------------------------------------------ queries

    /** Number of base elements in one item of this type (the length of its type signature). */
    public int Size() throws MPIException {
        checkNotFreed("Size");
        return layout.size();
    }

    /** Distance between consecutive items of this type, {@code Ub() - Lb()}, in base elements. */
    public int Extent() throws MPIException {
        checkNotFreed("Extent");
        return layout.extent();
    }

    /** Lower bound of this type, in base elements from an item's origin (may be negative). */
    public int Lb() throws MPIException {
        checkNotFreed("Lb");
        return layout.lowerBound();
    }

    /** Upper bound of this type, in base elements from an item's origin. */
    public int Ub() throws MPIException {
        checkNotFreed("Ub");
        return layout.upperBound();
    }

    /** Makes the type usable in communication; committing a committed or predefined type does nothing. */
    public void Commit() throws MPIException {
        checkNotFreed("Commit");
        committed = true;
    }

    /**
     * Releases the type: it can no longer be used in any call. Types already built from it, and
     * communication already started with it, are not affected. Predefined types cannot be freed.
     */
    public void free() throws MPIException {
        if (predefined) {
            throw new MPIException(ErrorClass.TYPE, "free: " + name + " is a predefined datatype; only derived "
                + "datatypes can be freed");
        }
        checkNotFreed("free");
        freed = true;
        committed = false;
    }

    /**
     * The same as {@link #free()}, under the name mpiJava 1.2 gives it. As there, the garbage
     * collector also calls it on a type no longer reachable, which frees nothing still in use.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void finalize() throws MPIException {
        free();
    }

    // ------------------------------------------------------------ for the rest of the API

    TypeLayout layout() {
        return layout;
    }

    /**
     * Why this type cannot describe a buffer in communication, completing "datatype X ...", or
     * {@code null} if it can.
     */
    String unusableReason() {
        if (freed) {
            return "has been freed";
        }
        if (!committed) {
            return "is not committed; call Commit() before using it";
        }
        return null;
    }

    /** The base type, or {@code null} for a type without elements, which takes its buffer's. */
    PrimitiveKind kind() {
        return layout.kind();
    }

    /**
     * This type's layout over {@code buf}, whose elements give the base type when the type has
     * none of its own; {@code null} if {@code buf} is not an array this type can describe.
     */
    TypeLayout layoutOver(Object buf) {
        PrimitiveKind kind = layout.kind();
        if (kind != null) {
            return kind.holds(buf) ? layout : null;
        }
        PrimitiveKind bufferKind = PrimitiveKind.of(buf);
        return bufferKind == null ? null : layout.over(bufferKind);
    }

    /** The array a buffer of this type must be, completing "needs ...". */
    String neededArray() {
        return layout.kind() != null ? "a " + layout.kind().arrayType().getSimpleName()
            : "an array of a primitive type or an Object[] (it has no elements, so it takes the kind of any)";
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------ helpers

    private static Datatype strided(String call, int count, int blocklength, int stride, Datatype oldtype,
                                    boolean strideInItems) {
        checkCount(call, "count", count);
        checkBlocklength(call, "blocklength", blocklength);
        checkOldtype(call, "oldtype", oldtype);
        long unit = strideInItems ? oldtype.layout.extent() : 1;
        int[] displacements = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            displacements[i] = displacement(call, displacement(call, (long) i * stride) * unit);
            lengths[i] = blocklength;
        }
        return derived(call, call + "(" + count + ", " + blocklength + ", " + stride + ", " + oldtype + ")",
            () -> TypeLayout.blocks(oldtype.layout, displacements, lengths));
    }

    private static Datatype indexed(String call, int[] blocklengths, int[] displacements, Datatype oldtype,
                                    boolean displacementsInItems) {
        checkBlocks(call, blocklengths, displacements);
        checkOldtype(call, "oldtype", oldtype);
        long unit = displacementsInItems ? oldtype.layout.extent() : 1;
        int[] scaled = new int[displacements.length];
        for (int i = 0; i < displacements.length; i++) {
            scaled[i] = displacement(call, displacements[i] * unit);
        }
        int[] lengths = blocklengths.clone();
        return derived(call, call + "(" + lengths.length + " blocks of " + oldtype + ")",
            () -> TypeLayout.blocks(oldtype.layout, scaled, lengths));
    }

    /** Builds the layout, reporting a type too large for {@code int} counts as the caller's error. */
    private static Datatype derived(String call, String name, Supplier<TypeLayout> build) {
        try {
            return new Datatype(name, build.get(), false);
        } catch (IllegalArgumentException e) {
            throw new MPIException(ErrorClass.ARG, call + ": cannot build " + name + ": " + e.getMessage(), e);
        }
    }

    private static int displacement(String call, long value) {
        if (value != (int) value) {
            throw new MPIException(ErrorClass.ARG, call + ": a displacement of " + value
                + " base elements does not fit in an int");
        }
        return (int) value;
    }

    private static void checkCount(String call, String name, int count) {
        if (count < 0) {
            throw new MPIException(ErrorClass.COUNT, call + ": " + name + " is " + count + "; it must be >= 0");
        }
    }

    private static void checkBlocklength(String call, String name, int blocklength) {
        if (blocklength < 0) {
            throw new MPIException(ErrorClass.ARG, call + ": " + name + " is " + blocklength + "; it must be >= 0");
        }
    }

    private static void checkBlocks(String call, int[] blocklengths, int[] displacements) {
        if (blocklengths == null || displacements == null) {
            throw new MPIException(ErrorClass.ARG, call + ": "
                + (blocklengths == null ? "array_of_blocklengths" : "array_of_displacements") + " is null");
        }
        if (blocklengths.length != displacements.length) {
            throw new MPIException(ErrorClass.ARG, call + ": array_of_blocklengths has " + blocklengths.length
                + " entries but array_of_displacements has " + displacements.length + "; they must match");
        }
        for (int i = 0; i < blocklengths.length; i++) {
            checkBlocklength(call, "array_of_blocklengths[" + i + "]", blocklengths[i]);
        }
    }

    private static void checkOldtype(String call, String name, Datatype type) {
        if (type == null) {
            throw new MPIException(ErrorClass.TYPE, call + ": " + name + " is null");
        }
        if (type.freed) {
            throw new MPIException(ErrorClass.TYPE, call + ": " + name + " " + type + " has been freed");
        }
    }

    private static void checkOneBaseType(String call, Datatype[] types) {
        Datatype first = null;
        for (Datatype type : types) {
            if (type.kind() == null) {
                continue;
            }
            if (first == null) {
                first = type;
            } else if (type.kind() != first.kind()) {
                throw new MPIException(ErrorClass.TYPE, call + ": array_of_types mixes base types " + first.kind()
                    + " (" + first + ") and " + type.kind() + " (" + type + "); in mpiJava all elements of a "
                    + "derived datatype have one base type (only MPI.LB and MPI.UB mix with any)");
            }
        }
    }

    private void checkNotFreed(String call) {
        if (freed) {
            throw new MPIException(ErrorClass.TYPE, call + ": datatype " + name + " has been freed");
        }
    }

    private static String structName(Datatype[] types) {
        String members = Arrays.stream(types).limit(NAMED_STRUCT_MEMBERS).map(String::valueOf)
            .collect(Collectors.joining(", "));
        return "Struct(" + members + (types.length > NAMED_STRUCT_MEMBERS ? ", ..." : "") + ")";
    }
}
