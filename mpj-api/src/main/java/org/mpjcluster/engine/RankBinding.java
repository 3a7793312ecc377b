package org.mpjcluster.engine;

/**
 * Which MPI process the calling thread belongs to. The launcher binds each rank's thread (threads
 * the rank starts inherit it); a JVM running a single rank sets a process-wide default.
 */
public final class RankBinding {

    private static final InheritableThreadLocal<MpiProcess> CURRENT = new InheritableThreadLocal<>();
    private static volatile MpiProcess processDefault;

    private RankBinding() {
    }

    /** The calling thread's process, or {@code null} if none is bound. */
    public static MpiProcess current() {
        MpiProcess process = CURRENT.get();
        return process != null ? process : processDefault;
    }

    /** Binds the calling thread (and threads it starts later) to {@code process}. */
    public static void bind(MpiProcess process) {
        CURRENT.set(process);
    }

    /** Removes the calling thread's binding. */
    public static void unbind() {
        CURRENT.remove();
    }

    /** Sets the process that threads without a binding of their own belong to. */
    public static void bindDefault(MpiProcess process) {
        processDefault = process;
    }
}
