package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Derived datatypes of every constructor over every base type: their size and bounds match values
 * worked out by hand, and a message moves exactly the elements they cover, in type map order,
 * leaving every other element alone, between layouts that differ but have the same type signature.
 */
class DerivedDatatypeTest {

    /** Job sizes: odd and even, powers of two and one past them. */
    static final int[] RANK_COUNTS = {1, 2, 3, 4, 5, 8, 9};

    private static final int TO_DENSE = 1;
    private static final int FROM_DENSE = 2;
    private static final int TO_SPREAD = 3;

    static Stream<Arguments> shapesAndBaseTypes() {
        return Cases.cross(Shape.all().toArray(), BaseType.values());
    }

    static Stream<Arguments> shapesAndRankCounts() {
        return Cases.cross(Shape.all().toArray(), rankCounts());
    }

    /** {@link #RANK_COUNTS} as a dimension for {@link Cases#cross}. */
    static Object[] rankCounts() {
        return IntStream.of(RANK_COUNTS).boxed().toArray();
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("shapesAndBaseTypes")
    void hasTheHandComputedSizeExtentAndBounds(Shape shape, BaseType base) {
        Datatype type = shape.build().apply(base.type());
        assertEquals(List.of(shape.size(), shape.extent(), shape.lb(), shape.ub()),
            List.of(type.Size(), type.Extent(), type.Lb(), type.Ub()), "Size, Extent, Lb, Ub of " + type);
        type.Commit();
        assertEquals(List.of(shape.size(), shape.extent(), shape.lb(), shape.ub()),
            List.of(type.Size(), type.Extent(), type.Lb(), type.Ub()), "committing changes nothing");
    }

    /**
     * Every rank sends, for each base type, three messages to its right neighbour: from the shape
     * into a dense receive, from a dense send into the shape, and from the shape into every other
     * element of an array (another non-contiguous layout of the same signature).
     */
    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("shapesAndRankCounts")
    void movesExactlyTheCoveredElementsBetweenLayoutsOfOneSignature(Shape shape, int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            List<String> verdicts = new ArrayList<>();
            for (BaseType base : BaseType.values()) {
                verdicts.add(base + ": " + exchange(shape, base));
            }
            return verdicts;
        });

        assertEquals(Jobs.expected(size, rank -> Stream.of(BaseType.values())
            .map(base -> base + ": " + expectedVerdict(shape)).toList()), seen);
    }

    private static String exchange(Shape shape, BaseType base) {
        Datatype type = shape.committed(base.type());
        Datatype spread = Datatype.Vector(shape.elements(), 1, 2, base.type());
        spread.Commit();
        int n = shape.elements();
        Object shaped = base.values(shape.span(), seedOf(Peers.rank()));
        Object dense = base.values(n, seedOf(Peers.rank()) + 1);
        Request[] sends = {
            MPI.COMM_WORLD.Isend(shaped, shape.origin(), shape.items(), type, Peers.right(1), TO_DENSE),
            MPI.COMM_WORLD.Isend(dense, 0, n, base.type(), Peers.right(1), FROM_DENSE),
            MPI.COMM_WORLD.Isend(shaped, shape.origin(), shape.items(), type, Peers.right(1), TO_SPREAD)};

        int sender = Peers.left(1);
        Object intoDense = base.sentinels(n + 2);
        Status denseStatus = MPI.COMM_WORLD.Recv(intoDense, 1, n, base.type(), sender, TO_DENSE);
        Object intoShape = base.sentinels(shape.span());
        Status shapeStatus = MPI.COMM_WORLD.Recv(intoShape, shape.origin(), shape.items(), type, sender, FROM_DENSE);
        Object intoSpread = base.sentinels(2 * n + 1);
        MPI.COMM_WORLD.Recv(intoSpread, 1, 1, spread, sender, TO_SPREAD);
        Request.Waitall(sends);

        Object sentShaped = base.values(shape.span(), seedOf(sender));
        Object sentDense = base.values(n, seedOf(sender) + 1);
        Object expectDense = base.sentinels(n + 2);
        Object expectShape = base.sentinels(shape.span());
        Object expectSpread = base.sentinels(2 * n + 1);
        int[] indices = shape.indices();
        for (int i = 0; i < n; i++) {
            Array.set(expectDense, 1 + i, Array.get(sentShaped, indices[i]));
            Array.set(expectShape, indices[i], Array.get(sentDense, i));
            Array.set(expectSpread, 1 + 2 * i, Array.get(sentShaped, indices[i]));
        }
        return "to dense " + BaseType.firstDifference(intoDense, expectDense)
            + ", from dense " + BaseType.firstDifference(intoShape, expectShape)
            + ", to spread " + BaseType.firstDifference(intoSpread, expectSpread)
            + ", counts " + denseStatus.Get_elements(type) + " " + shapeStatus.Get_count(type) + " "
            + shapeStatus.Get_elements(type) + " " + shapeStatus.Get_count(base.type());
    }

    private static String expectedVerdict(Shape shape) {
        int itemsCounted = shape.size() == 0 ? 0 : shape.items();
        return "to dense identical, from dense identical, to spread identical, counts " + shape.elements() + " "
            + itemsCounted + " " + shape.elements() + " " + shape.elements();
    }

    /** Where a rank's values start, so that neighbours send different values. */
    private static int seedOf(int rank) {
        return 11 * rank;
    }
}
