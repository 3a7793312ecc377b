package org.mpjcluster.mpi;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Parameters of the parameterized tests: the rank counts, and cross products of dimensions. */
final class Cases {

    /** The job sizes every test that makes sense at any size runs at. */
    static final int[] RANK_COUNTS = {1, 2, 3, 4, 8};

    private Cases() {
    }

    /** {@link #RANK_COUNTS} as a dimension for {@link #cross}. */
    static Object[] rankCounts() {
        return IntStream.of(RANK_COUNTS).boxed().toArray();
    }

    /** Every combination of one value from each dimension, the last dimension varying fastest. */
    static Stream<Arguments> cross(Object[]... dimensions) {
        Stream<Object[]> combinations = Stream.<Object[]>of(new Object[0]);
        for (Object[] dimension : dimensions) {
            combinations = combinations.flatMap(prefix -> Arrays.stream(dimension).map(value -> {
                Object[] longer = Arrays.copyOf(prefix, prefix.length + 1);
                longer[prefix.length] = value;
                return longer;
            }));
        }
        return combinations.map(Arguments::of);
    }
}
