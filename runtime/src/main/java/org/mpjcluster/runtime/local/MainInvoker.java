package org.mpjcluster.runtime.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds and runs a program's {@code public static void main(String[])}. */
final class MainInvoker {

    private MainInvoker() {
    }

    /**
     * The {@code main} method of {@code mainClass} as {@code loader} sees it.
     *
     * @throws IllegalArgumentException if the class or a suitable main method is missing
     */
    static Method find(ClassLoader loader, String mainClass, Classpath classpath) {
        Class<?> type;
        try {
            type = Class.forName(mainClass, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("main class " + mainClass + " not found on the class path "
                + classpath + (e instanceof LinkageError ? ": " + e : ""));
        }
        try {
            Method main = type.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new IllegalArgumentException("main method of " + mainClass + " is not static");
            }
            // The java launcher runs the main method of a class that is not public; so must we.
            main.setAccessible(true);
            return main;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(mainClass + " has no public static void main(String[] args)");
        }
    }

    /** Runs {@code main} with a copy of {@code args}, rethrowing what the program threw. */
    static void run(Method main, String[] args) throws Throwable {
        try {
            main.invoke(null, (Object) args.clone());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
