package org.mpjcluster.engine;

/**
 * Unwinds the rank that called {@code Abort}: an {@link Error}, so that user code catching
 * {@code Exception} does not swallow it. The launcher reports the abort code, not this signal.
 */
public final class AbortSignal extends Error {

    private static final long serialVersionUID = 1L;

    private final int code;

    /** Signals that the current rank called {@code Abort(code)}. */
    public AbortSignal(int code) {
        super("MPI Abort(" + code + ")", null, false, false);
        this.code = code;
    }

    /** The code passed to {@code Abort}. */
    public int code() {
        return code;
    }
}
