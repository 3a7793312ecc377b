package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the lines of {@code mpjrun --tag-output}, tagged {@code [RANK@HOST:PORT]} by the rank and peer that printed them. */
final class TaggedOutput {

    private static final Pattern TAGGED = Pattern.compile("\\[(\\d+)@([^\\]]+)\\] (.*)");

    private TaggedOutput() {
    }

    /**
     * Checks that every rank printed {@code format} (with its rank) once, tagged, and returns how
     * many ranks ran on each peer.
     */
    static Map<String, Integer> ranksPerPeer(ProcessRun run, int ranks, String format) {
        Map<String, Integer> perPeer = new TreeMap<>();
        List<Integer> seen = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            Matcher tagged = TAGGED.matcher(line);
            if (tagged.matches()) {
                int rank = Integer.parseInt(tagged.group(1));
                assertTrue(tagged.group(3).startsWith(String.format(format, rank)), run::describe);
                seen.add(rank);
                perPeer.merge(tagged.group(2), 1, Integer::sum);
            }
        }
        assertEquals(Stream.iterate(0, r -> r + 1).limit(ranks).toList(), seen.stream().sorted().toList(), run::describe);
        return perPeer;
    }
}
