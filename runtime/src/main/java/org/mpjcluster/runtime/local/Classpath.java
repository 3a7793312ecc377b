package org.mpjcluster.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** The user's class path: where each rank's class loader finds the program. */
public final class Classpath {

    private final List<Path> entries;

    private Classpath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses a class path in the JVM's syntax: entries separated by the platform's path
     * separator, {@code dir/*} standing for every jar in {@code dir}.
     *
     * @throws IllegalArgumentException if an entry does not exist
     */
    public static Classpath parse(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("*")) {
                entries.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 1))));
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("class path entry '" + entry + "' does not exist");
            }
            entries.add(path);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the class path '" + classpath + "' has no entries");
        }
        return new Classpath(entries);
    }

    /** The class path of an executable jar (its manifest's {@code Class-Path} is followed by the loader). */
    public static Classpath ofJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("jar file '" + jar + "' does not exist");
        }
        return new Classpath(List.of(jar));
    }

    /** The {@code Main-Class} of {@code jar}'s manifest. */
    public static String mainClassOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest() == null ? null
                : file.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null || main.isBlank()) {
                throw new IllegalArgumentException("jar file '" + jar
                    + "' has no Main-Class in its manifest; use -cp " + jar + " MAIN instead");
            }
            return main.trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read jar file '" + jar + "': " + e.getMessage(), e);
        }
    }

    private static List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("class path directory '" + directory + "' does not exist");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.{jar,JAR}")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars.sort(null);
        return jars;
    }

    /**
     * Checks that {@code mainClass} and its {@code main} method can be found on this class path,
     * before a launcher starts JVMs to run it.
     *
     * @throws IllegalArgumentException if the class or a suitable main method is missing
     */
    public void requireMain(String mainClass) {
        try (URLClassLoader loader = new URLClassLoader("mpj-main-check", urls(), Classpath.class.getClassLoader())) {
            MainInvoker.find(loader, mainClass, this);
        } catch (IOException e) {
            // The check is done; a loader that fails to close leaks only a file handle.
        }
    }

    /** The entries, in order. */
    public List<Path> entries() {
        return entries;
    }

    /** The entries as one class path string, in absolute form, for another JVM to {@link #parse}. */
    public String toPathString() {
        return entries.stream().map(path -> path.toAbsolutePath().toString())
            .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The entries as URLs for a class loader. */
    URL[] urls() {
        return entries.stream().map(Classpath::url).toArray(URL[]::new);
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("class path entry '" + path + "' is not a valid location", e);
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
