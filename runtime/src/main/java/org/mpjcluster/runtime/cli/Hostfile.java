package org.mpjcluster.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hostfile ({@code --hostfile}, {@code -machinefile}) read as a list of peers of a cluster to
 * submit to, in order of preference: one peer per line, {@code HOST} or {@code HOST:PORT}, where
 * the port is the peer's HTTP API port (8558 if omitted) and an IPv6 address is written in
 * brackets, {@code [::1]:8558}; {@code slots=N} may follow, as in an {@code mpirun} hostfile, and
 * is ignored (each peer offers the slots it was started with). {@code #} starts a comment; blank
 * lines are skipped, and so is a peer named again.
 *
 * @param file       the file read
 * @param peers      the peers, as {@code HOST:PORT}, in the file's order
 * @param givesSlots whether some line gives {@code slots=N}
 */
record Hostfile(Path file, List<String> peers, boolean givesSlots) {

    /** The port of a peer's HTTP API unless {@code mpj.node.http.port} says otherwise. */
    static final int DEFAULT_PORT = 8558;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.%A-Za-z]*:[0-9A-Fa-f:.%A-Za-z]*]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern SLOTS = Pattern.compile("slots=([0-9]{1,9})");
    private static final String FORMS = "write HOST, HOST:PORT or [IPV6]:PORT, optionally followed by slots=N";

    /** Copies the peers, so that the hostfile stays immutable. */
    Hostfile {
        peers = List.copyOf(peers);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException if it cannot be read, names no peer, or has a line that is
     *                                  not a peer, naming the file and the line
     */
    static Hostfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the hostfile " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the hostfile " + file + ": " + e.getMessage());
        }
        return parse(file, lines);
    }

    /**
     * The hostfile whose lines are {@code lines}, read from {@code file}.
     *
     * @throws IllegalArgumentException if it names no peer, or has a line that is not a peer,
     *                                  naming the file and the line
     */
    static Hostfile parse(Path file, List<String> lines) {
        List<String> peers = new ArrayList<>();
        boolean givesSlots = false;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            int comment = line.indexOf('#');
            String[] words = (comment < 0 ? line : line.substring(0, comment)).strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String peer = peer(words[0], file, number);
            if (!peers.contains(peer)) {
                peers.add(peer);
            }
            if (words.length > 2) {
                throw malformed(file, number, "'" + String.join(" ", words) + "' has more than slots=N after the peer");
            }
            if (words.length == 2) {
                Matcher slots = SLOTS.matcher(words[1]);
                if (!slots.matches() || Integer.parseInt(slots.group(1)) < 1) {
                    throw malformed(file, number, "'" + words[1] + "' after the peer is not slots=N with N at least 1");
                }
                givesSlots = true;
            }
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("the hostfile " + file + " names no peer; " + FORMS
                + ", one peer per line");
        }
        return new Hostfile(file, peers, givesSlots);
    }

    /** {@code HOST:PORT} of the peer {@code word} names, with the default port if it names none. */
    private static String peer(String word, Path file, int number) {
        String host = word;
        String port = null;
        if (word.startsWith("[")) {
            int close = word.indexOf(']');
            host = close < 0 ? word : word.substring(0, close + 1);
            if (close >= 0 && close + 1 < word.length()) {
                if (word.charAt(close + 1) != ':') {
                    throw malformed(file, number, "'" + word + "' is not a peer");
                }
                port = word.substring(close + 2);
            }
            if (!IPV6.matcher(host).matches()) {
                throw malformed(file, number, "'" + host + "' is not an IPv6 address in brackets");
            }
        } else if (word.indexOf(':') >= 0) {
            if (word.indexOf(':') != word.lastIndexOf(':')) {
                throw malformed(file, number, "'" + word + "' has several colons; write an IPv6 address in brackets, "
                    + "such as [::1]:8558");
            }
            host = word.substring(0, word.indexOf(':'));
            port = word.substring(word.indexOf(':') + 1);
        }
        if (!host.startsWith("[") && !NAME.matcher(host).matches()) {
            throw malformed(file, number, "'" + host + "' is not a host name or address");
        }
        if (port == null) {
            return host + ":" + DEFAULT_PORT;
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw malformed(file, number, "'" + port + "' is not a port (1 to 65535) in '" + word + "'");
        }
        return host + ":" + Integer.parseInt(port);
    }

    private static IllegalArgumentException malformed(Path file, int number, String problem) {
        return new IllegalArgumentException("the hostfile " + file + ", line " + number + ": " + problem + "; "
            + FORMS);
    }
}
