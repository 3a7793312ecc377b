package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.mpjcluster.engine.coll.Thresholds;

/**
 * How much data a collective test moves and which algorithms it forces, so that every algorithm
 * runs with few items (below the eager limit, and fewer items than ranks, which leaves some ranks
 * empty parts) and with many (above the eager limit, over the rendezvous protocol).
 */
enum Regime {
    FEW_ITEMS(false, Thresholds.SMALL_DATA_ALGORITHMS),
    FEW_ITEMS_LARGE_DATA_ALGORITHMS(false, Thresholds.LARGE_DATA_ALGORITHMS),
    MANY_ITEMS_SMALL_DATA_ALGORITHMS(true, Thresholds.SMALL_DATA_ALGORITHMS),
    MANY_ITEMS(true, Thresholds.LARGE_DATA_ALGORITHMS),
    FEW_ITEMS_IN_MEMORY(false, Thresholds.IN_MEMORY_ALGORITHMS),
    MANY_ITEMS_IN_MEMORY(true, Thresholds.IN_MEMORY_ALGORITHMS),
    FEW_ITEMS_CROSSING(false, Thresholds.CROSSING_ALGORITHMS),
    MANY_ITEMS_CROSSING(true, Thresholds.CROSSING_ALGORITHMS);

    /** Items per block with few items: fewer than most rank counts, and odd. */
    static final int FEW = 3;

    /** One rank's part of a collective test: runs the call and says how its result compares. */
    @FunctionalInterface
    interface Scenario<T> {
        String run(T type, int items, int rank, int size);
    }

    private final boolean many;
    private final Thresholds thresholds;

    Regime(boolean many, Thresholds thresholds) {
        this.many = many;
        this.thresholds = thresholds;
    }

    /** Items per block for a type whose message of {@code largeItems} items is above the eager limit. */
    int items(int largeItems) {
        return many ? largeItems : FEW;
    }

    /**
     * Runs {@code scenario} for every type on {@code size} ranks in every regime, and checks that
     * every rank found every result as expected.
     */
    static <T> void checkEveryRegime(int size, List<T> types, ToIntFunction<T> largeItems, Scenario<T> scenario)
        throws InterruptedException {
        checkEveryRegime(size, types, types, largeItems, scenario);
    }

    /** Like {@link #checkEveryRegime(int, List, ToIntFunction, Scenario)}, with fewer types when there are many items. */
    static <T> void checkEveryRegime(int size, List<T> fewItemTypes, List<T> manyItemTypes,
                                     ToIntFunction<T> largeItems, Scenario<T> scenario) throws InterruptedException {
        Map<Regime, List<List<String>>> seen = new EnumMap<>(Regime.class);
        Map<Regime, List<List<String>>> expected = new EnumMap<>(Regime.class);
        for (Regime regime : values()) {
            List<T> types = regime.many ? manyItemTypes : fewItemTypes;
            try (Thresholds.Restorer forced = Thresholds.use(regime.thresholds)) {
                seen.put(regime, Jobs.onRanks(size, () -> types.stream()
                    .map(type -> type + ": " + scenario.run(type, regime.items(largeItems.applyAsInt(type)),
                        Peers.rank(), size))
                    .toList()));
            }
            expected.put(regime, Jobs.expected(size, rank -> types.stream()
                .map(type -> type + ": " + ElementType.AS_EXPECTED).toList()));
        }
        assertEquals(expected, seen);
    }
}
