package org.mpjcluster.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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

    /** A line a rank printed: the rank, the peer it ran on and the text after the tag. */
    record Line(int rank, String peer, String text) {
    }

    /** Every line of standard output, each of which must be tagged. */
    static List<Line> lines(ProcessRun run) {
        List<Line> lines = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            Matcher tagged = TAGGED.matcher(line);
            assertTrue(tagged.matches(), run::describe);
            lines.add(new Line(Integer.parseInt(tagged.group(1)), tagged.group(2), tagged.group(3)));
        }
        return lines;
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

    /**
     * Runs {@code Hello} and {@code Pi} of {@code samples} on 6 ranks spread over the 3 {@code peers}:
     * every rank says hello, 2 on each peer, and pi comes out right.
     */
    static void assertSpreadHelloAndPi(PeerJvms peers, Path samples, Path dir) throws IOException, InterruptedException {
        ProcessRun hello = peers.run(dir, List.of(0), "--strategy", "spread", "--tag-output", "-np", "6", "-cp",
            samples.toString(), "org.mpjcluster.samples.Hello");
        assertEquals(Map.of(peers.address(0), 2, peers.address(1), 2, peers.address(2), 2),
            ranksPerPeer(hello, 6, "Hello from rank %d of 6"));

        ProcessRun pi = peers.run(dir, List.of(0), "--strategy", "spread", "-np", "6", "-cp", samples.toString(),
            "org.mpjcluster.samples.Pi");
        assertTrue(pi.stdout().matches("(?s)pi = 3\\.14159\\d*, error = .*6 ranks.*"), pi::describe);
    }
}
