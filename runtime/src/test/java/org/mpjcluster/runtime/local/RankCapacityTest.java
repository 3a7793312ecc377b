package org.mpjcluster.runtime.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which numbers of rank threads a JVM refuses before starting any, and what it says then. */
class RankCapacityTest {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long NONE = Long.MAX_VALUE;
    private static final long STACK = 8 * MIB;

    @Test
    void acceptsTwoHundredFiftySixRanksInASmallHeapUnderTightSystemLimits() {
        ProcessLimits limits = new ProcessLimits(256 * MIB, 1000, "kernel.threads-max", 4 * GIB);

        assertDoesNotThrow(() -> RankCapacity.require(256, 256, STACK, limits));
    }

    @Test
    void refusesRanksWhoseTablesAloneExceedTheHeapAndSuggestsMoreHeapOrFewerRanksPerJvm() {
        ProcessLimits limits = new ProcessLimits(6 * GIB, NONE, "", NONE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RankCapacity.require(100_000, 100_000, STACK, limits));

        assertEquals("cannot run 100000 ranks as threads of one JVM: their tables alone take 298.4 GiB of heap "
            + "(32 bytes per rank for each of the job's 100000 ranks) and this JVM may use 6.0 GiB. Run fewer ranks "
            + "in each JVM (mpjrun --processes, or --ranks-per-jvm K) or on a cluster (--cluster), or give the JVM "
            + "more heap (-Xmx, through MPJ_JAVA_OPTS or --jvm-opt)", e.getMessage());
    }

    @Test
    void countsTheHeapOfTheWholeJobForTheRanksOfOneWorkerJvm() {
        ProcessLimits limits = new ProcessLimits(GIB, NONE, "", NONE);

        assertDoesNotThrow(() -> RankCapacity.require(1000, 1000, STACK, limits));
        assertThrows(IllegalArgumentException.class, () -> RankCapacity.require(1000, 100_000, STACK, limits));
    }

    @Test
    void refusesMoreThreadsThanTheSystemAllowsNamingTheLimit() {
        ProcessLimits limits = new ProcessLimits(NONE, 32_765, "vm.max_map_count (65530 memory maps, two per thread)",
            NONE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RankCapacity.require(40_000, 40_000, STACK, limits));

        assertEquals("cannot run 40000 ranks as threads of one JVM: their 40000 threads exceed the 32765 that "
            + "vm.max_map_count (65530 memory maps, two per thread) allows. Run fewer ranks in each JVM (mpjrun "
            + "--processes, or --ranks-per-jvm K) or on a cluster (--cluster)", e.getMessage());
    }

    @Test
    void refusesStacksBeyondTheAddressSpaceAndSuggestsSmallerOnes() {
        ProcessLimits limits = new ProcessLimits(NONE, NONE, "", 4 * GIB);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RankCapacity.require(1024, 1024, STACK, limits));

        assertEquals("cannot run 1024 ranks as threads of one JVM: their thread stacks take 8.0 GiB of address "
            + "space and the process may reserve 4.0 GiB (ulimit -v). Run fewer ranks in each JVM (mpjrun "
            + "--processes, or --ranks-per-jvm K) or on a cluster (--cluster), or give them smaller stacks "
            + "(mpj.launcher.rank-stack-size)", e.getMessage());
    }

    @Test
    void refusesACountWhoseNeedsDoNotFitInALong() {
        ProcessLimits limits = new ProcessLimits(NONE - 1, NONE, "", NONE - 1);

        assertThrows(IllegalArgumentException.class,
            () -> RankCapacity.require(Integer.MAX_VALUE, Integer.MAX_VALUE, STACK, limits));
    }
}
