package org.mpjcluster.runtime.local;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.OptionalInt;

/**
 * The class loader of one rank's program: gives each rank its own copy of the program's classes,
 * and so its own static fields. It is the context class loader of the rank's thread, which the
 * threads the rank starts inherit, so it also tells which rank a thread works for.
 */
public final class RankClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final int rank;

    /** Loads the program from {@code urls} for {@code rank}, delegating to {@code parent} first. */
    RankClassLoader(int rank, URL[] urls, ClassLoader parent) {
        super("mpj-rank-" + rank, urls, parent);
        this.rank = rank;
    }

    /** The rank {@code thread} works for, if its context class loader is a rank's. */
    public static OptionalInt rankOf(Thread thread) {
        return thread.getContextClassLoader() instanceof RankClassLoader loader
            ? OptionalInt.of(loader.rank) : OptionalInt.empty();
    }
}
