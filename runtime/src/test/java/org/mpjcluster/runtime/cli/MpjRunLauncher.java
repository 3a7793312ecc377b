package org.mpjcluster.runtime.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mpjcluster.runtime.cli.programs.PrintsArguments;
import org.mpjcluster.samples.Hello;

/**
 * Starts {@code mpjrun} as a JVM of its own, as a user would, and prepares the programs it runs.
 *
 * <p>The JVM's class path is this test JVM's minus the test classes and the samples: a rank loads
 * its program parent-first, so a program the parent could see would be loaded once for all
 * ranks and its statics shared. The programs reach the ranks only through mpjrun's {@code -cp}
 * or {@code -jar}: the samples jar as built, and the test programs copied out of the test classes.
 */
final class MpjRunLauncher {

    private static final String PROGRAMS_PACKAGE = PrintsArguments.class.getPackageName();

    private MpjRunLauncher() {
    }

    /** Runs {@code mpjrun args...} in the current directory. */
    static ProcessRun mpjrun(String... args) throws IOException, InterruptedException {
        return mpjrunWithJvmOptions(List.of(), args);
    }

    /** Runs {@code mpjrun args...} in the current directory, in a JVM started with {@code jvmOptions}. */
    static ProcessRun mpjrunWithJvmOptions(List<String> jvmOptions, String... args)
        throws IOException, InterruptedException {
        return ProcessRun.of(mpjrunCommand(jvmOptions, args), Path.of("").toAbsolutePath());
    }

    /** The command that runs {@code mpjrun args...} in a JVM started with {@code jvmOptions}. */
    static List<String> mpjrunCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", runtimeClasspath(), MpjRun.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs {@code java mainClass args...} without mpjrun, with the runtime and {@code classpath} on the class path. */
    static ProcessRun java(String classpath, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp",
            runtimeClasspath() + File.pathSeparator + classpath, mainClass));
        command.addAll(Arrays.asList(args));
        return ProcessRun.of(command, Path.of("").toAbsolutePath());
    }

    /** The samples ({@code mpj-samples.jar}, or the samples' classes when the jar is not built yet). */
    static String samplesClasspath() {
        return locationOf(Hello.class).toString();
    }

    /** The samples as a jar: mpj-samples.jar if it is built, else {@code jar} written from the samples' classes. */
    static Path samplesJar(Path jar) throws IOException {
        Path location = locationOf(Hello.class);
        if (Files.isRegularFile(location)) {
            return location;
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Copies the test programs' classes into {@code directory} and returns it, for {@code -cp}. */
    static Path copyPrograms(Path directory) throws IOException {
        Path target = directory.resolve(packagePath());
        Files.createDirectories(target);
        for (Path file : programClassFiles()) {
            Files.copy(file, target.resolve(file.getFileName().toString()));
        }
        return directory;
    }

    /**
     * Writes a jar of the test programs to {@code jar}; its manifest names {@code mainClass}
     * as the Main-Class, or none if {@code mainClass} is {@code null}.
     */
    static Path jarPrograms(Path jar, Class<?> mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path file : programClassFiles()) {
                out.putNextEntry(new JarEntry(packagePath() + "/" + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> programClassFiles() throws IOException {
        Path directory = locationOf(PrintsArguments.class).resolve(packagePath());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".class")).toList();
        }
    }

    private static String packagePath() {
        return PROGRAMS_PACKAGE.replace('.', '/');
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This test JVM's class path without the test classes and the samples: what mpjrun and peers run on. */
    static String runtimeClasspath() {
        List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry).toAbsolutePath().normalize())
            .toList();
        if (!entries.contains(locationOf(MpjRun.class))) {
            throw new IllegalStateException("java.class.path does not list the runtime classes "
                + locationOf(MpjRun.class) + " but " + entries + "; was the test JVM started from a manifest-only jar?");
        }
        List<Path> hidden = List.of(locationOf(MpjRunLauncher.class), locationOf(Hello.class));
        return entries.stream().filter(entry -> !hidden.contains(entry))
            .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Where the classes of {@code type} come from: a jar or a directory. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the classes of " + type, e));
        }
    }
}
