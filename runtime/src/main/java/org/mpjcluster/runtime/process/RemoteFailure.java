package org.mpjcluster.runtime.process;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * What a rank threw in another JVM, carried as the text of its stack trace: the exception's
 * class may exist only on the program's class path, so the launcher cannot rebuild the exception
 * itself. Printing it prints the original trace.
 */
final class RemoteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    RemoteFailure(String stackTrace) {
        super(stackTrace.stripTrailing(), null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }

    @Override
    public void printStackTrace(PrintStream out) {
        out.println(getMessage());
    }

    @Override
    public void printStackTrace(PrintWriter out) {
        out.println(getMessage());
    }
}
