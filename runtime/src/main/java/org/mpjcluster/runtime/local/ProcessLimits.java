package org.mpjcluster.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The limits that bound how many rank threads this JVM can hold: its maximum heap, and on Linux the
 * thread and address-space limits of the process and the system, read from {@code /proc}. A limit
 * that cannot be read (another system, a file missing) counts as none.
 *
 * @param maxHeapBytes        the most heap the JVM may use ({@code -Xmx})
 * @param maxThreads          the fewest threads one of the thread limits allows, or {@code Long.MAX_VALUE}
 * @param threadLimit         which limit that is, for messages (such as {@code "kernel.threads-max"})
 * @param maxAddressSpaceBytes the address space the process may reserve ({@code ulimit -v}), or {@code Long.MAX_VALUE}
 */
record ProcessLimits(long maxHeapBytes, long maxThreads, String threadLimit, long maxAddressSpaceBytes) {

    private static final long NONE = Long.MAX_VALUE;
    /** A thread's stack takes two memory maps: the stack and its guard page. */
    private static final long MAPS_PER_THREAD = 2;
    private static final Path LIMITS = Path.of("/proc/self/limits");

    /** The limits of this JVM. */
    static ProcessLimits current() {
        long maxThreads = NONE;
        String threadLimit = "";
        long userProcesses = limit("Max processes");
        if (userProcesses < maxThreads) {
            maxThreads = userProcesses;
            threadLimit = "ulimit -u (processes and threads per user)";
        }
        long systemThreads = number(Path.of("/proc/sys/kernel/threads-max"));
        if (systemThreads < maxThreads) {
            maxThreads = systemThreads;
            threadLimit = "kernel.threads-max";
        }
        long maps = number(Path.of("/proc/sys/vm/max_map_count"));
        if (maps != NONE && maps / MAPS_PER_THREAD < maxThreads) {
            maxThreads = maps / MAPS_PER_THREAD;
            threadLimit = "vm.max_map_count (" + maps + " memory maps, two per thread)";
        }
        return new ProcessLimits(Runtime.getRuntime().maxMemory(), maxThreads, threadLimit, limit("Max address space"));
    }

    /** The soft limit on the line of {@code /proc/self/limits} that starts with {@code name}. */
    private static long limit(String name) {
        Optional<String> line = lines(LIMITS).stream().filter(l -> l.startsWith(name)).findFirst();
        if (line.isEmpty()) {
            return NONE;
        }
        String[] words = line.get().substring(name.length()).trim().split("\\s+");
        return parse(words[0]);
    }

    private static long number(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? NONE : parse(lines.get(0).trim());
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // "unlimited", or nothing this code understands: no limit it could enforce.
            return NONE;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | UnsupportedOperationException e) {
            // Not Linux, or not readable: the limit is unknown and so not enforced here.
            return List.of();
        }
    }
}
