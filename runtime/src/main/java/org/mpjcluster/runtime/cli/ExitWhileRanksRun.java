package org.mpjcluster.runtime.cli;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpjcluster.runtime.local.RankClassLoader;

/**
 * Explains, from a shutdown hook, why this JVM is exiting while ranks still run as its threads.
 * The thread that started the exit is the one inside {@code java.lang.Shutdown.exit}: a rank's
 * thread that called {@code System.exit}, the JVM's handler of a signal such as SIGINT (Ctrl-C)
 * or SIGTERM ({@code kill}), which exits with 128 plus the signal's number, or another thread.
 */
final class ExitWhileRanksRun {

    /** The JVM names the thread that handles a signal after it: {@code "SIGTERM handler"}. */
    private static final Pattern SIGNAL_HANDLER = Pattern.compile("(SIG[A-Z0-9]+) handler");
    private static final String SHUTDOWN_CLASS = "java.lang.Shutdown";
    private static final String SHUTDOWN_METHOD = "exit";

    private ExitWhileRanksRun() {
    }

    /** What to tell the user about the exit in progress, without the {@code "mpjrun: "} prefix. */
    static String explain() {
        Optional<Thread> exiting = exitingThread(Thread.getAllStackTraces());
        if (exiting.isEmpty()) {
            return "the JVM is exiting while ranks still run; the job did not finish";
        }
        Thread thread = exiting.get();
        Matcher signal = SIGNAL_HANDLER.matcher(thread.getName());
        if (signal.matches()) {
            return "stopped by " + signal.group(1) + " while ranks still ran; the job did not finish";
        }
        OptionalInt rank = RankClassLoader.rankOf(thread);
        String who = rank.isPresent() ? "rank " + rank.getAsInt() : "thread \"" + thread.getName() + "\"";
        return who + " called System.exit, which ends every rank because they share this JVM; end a rank by "
            + "returning from main, or end the job with MPI.COMM_WORLD.Abort(code)";
    }

    /** The thread, among {@code stacks}, that is running the JVM's exit. */
    private static Optional<Thread> exitingThread(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            for (StackTraceElement frame : entry.getValue()) {
                if (frame.getClassName().equals(SHUTDOWN_CLASS) && frame.getMethodName().equals(SHUTDOWN_METHOD)) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
