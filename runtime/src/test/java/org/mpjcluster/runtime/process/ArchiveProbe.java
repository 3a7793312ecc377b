package org.mpjcluster.runtime.process;

/** A program for {@link ClassArchiveTest} to run from a jar: exits with the status it is given. */
public final class ArchiveProbe {

    private ArchiveProbe() {
    }

    /** Exits with {@code args[0]}. */
    public static void main(String[] args) {
        System.exit(Integer.parseInt(args[0]));
    }
}
