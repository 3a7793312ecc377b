package org.mpjcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How the waiting settings adapt to the number of ranks per core, and which settings are refused. */
class EngineSettingsTest {

    private final EngineSettings settings = new EngineSettings(4096, 50_000, 2_000_000, 1_000_000, true);

    @Test
    void keepsSpinningWhenEveryRankHasACore() {
        assertSame(settings, settings.forRanksOnCores(2, 2));
        assertSame(settings, settings.forRanksOnCores(1, 8));
    }

    @Test
    void stopsSpinningAndYieldsLongerWithMoreRanksThanCores() {
        EngineSettings crowded = settings.forRanksOnCores(16, 2);
        assertEquals(0, crowded.spinNanos());
        assertEquals(20_000_000, crowded.yieldNanos());
        assertEquals(4096, crowded.eagerLimitBytes());
        assertEquals(1_000_000, crowded.maxParkNanos());
    }

    @Test
    void refusesNegativeSizesAndTimes() {
        assertThrows(IllegalArgumentException.class, () -> new EngineSettings(-1, 0, 0, 1_000, true));
        assertThrows(IllegalArgumentException.class, () -> new EngineSettings(0, -1, 0, 1_000, true));
        assertThrows(IllegalArgumentException.class, () -> new EngineSettings(0, 0, 0, 10, true));
    }
}
