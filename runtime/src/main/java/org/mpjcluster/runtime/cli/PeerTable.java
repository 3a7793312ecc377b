package org.mpjcluster.runtime.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.mpjcluster.runtime.node.PeerFacts;

/**
 * The table {@code mpjrun --peers} prints, one row per peer, in the spirit of P2P-MPI's
 * {@code mpihost}.
 */
final class PeerTable {

    private static final List<String> HEADERS =
        List.of("PEER", "CORES", "SLOTS FREE/ALL", "FREE MEMORY", "LOAD", "JAVA", "OS", "LATENCY");
    private static final String[] MEMORY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final long MICROS_PER_MILLI = 1000;
    private static final String UNKNOWN = "-";

    private PeerTable() {
    }

    /** Prints the peers, sorted by address, under a header, with columns aligned. */
    static void print(List<PeerFacts> peers, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        peers.stream().sorted(Comparator.comparing(PeerFacts::address)).map(PeerTable::row).forEach(rows::add);
        TextTable.print(rows, out);
    }

    private static List<String> row(PeerFacts peer) {
        return List.of(peer.address(), Integer.toString(peer.cores()), peer.freeSlots() + "/" + peer.slots(),
            memory(peer.freeMemoryBytes()), load(peer.load()), peer.javaVersion(), peer.os(),
            latency(peer.latencyMicros().values()));
    }

    /** Bytes in the largest binary unit that leaves at least 1, such as {@code 3.2 GiB}. */
    static String memory(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < MEMORY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, MEMORY_UNITS[unit]);
    }

    private static String load(double load) {
        return load < 0 ? UNKNOWN : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The round trips other peers measured to this one: one value, or their range. */
    static String latency(Collection<Long> roundTripsMicros) {
        if (roundTripsMicros.isEmpty()) {
            return UNKNOWN;
        }
        long fastest = roundTripsMicros.stream().min(Long::compare).orElseThrow();
        long slowest = roundTripsMicros.stream().max(Long::compare).orElseThrow();
        return fastest == slowest ? duration(fastest) : duration(fastest) + " - " + duration(slowest);
    }

    private static String duration(long micros) {
        return micros < MICROS_PER_MILLI ? micros + " us"
            : String.format(Locale.ROOT, "%.1f ms", (double) micros / MICROS_PER_MILLI);
    }
}
