package org.mpjcluster.bench;

/** Does nothing: the launch benchmark times a JVM running it, the cost of starting any JVM. */
public final class JvmStartProbe {

    private JvmStartProbe() {
    }

    /** Returns at once. */
    public static void main(String[] args) {
        // The JVM's start and exit are what is measured.
    }
}
