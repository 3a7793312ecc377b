package org.mpjcluster.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of worker JVMs, with real JVMs: the first worker writes it as it exits,
 * the next ones map it (a JVM forced to share classes starts), a failed worker leaves none, and
 * users' own sharing options or a class path with a directory get no options.
 */
class ClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theFirstWorkerWritesTheArchiveAndTheNextOnesMapIt() throws Exception {
        Path jar = probeJar();
        Path archives = dir.resolve("cds");
        ClassArchive first = ClassArchive.forWorker(archives, jar.toString(), List.of());
        List<String> writing = first.jvmOptions();
        assertTrue(writing.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=")), writing::toString);
        assertEquals(List.of(), ClassArchive.forWorker(archives, jar.toString(), List.of()).jvmOptions().stream()
            .filter(option -> option.startsWith("-XX:ArchiveClassesAtExit=")).toList(), "only one worker writes it");

        first.workerExited(run(writing, jar, 0));
        try (Stream<Path> files = Files.list(archives)) {
            assertEquals(1, files.filter(file -> file.toString().endsWith(".jsa")).count());
        }

        List<String> mapping = ClassArchive.forWorker(archives, jar.toString(), List.of()).jvmOptions();
        assertTrue(mapping.stream().anyMatch(option -> option.startsWith("-XX:SharedArchiveFile=")), mapping::toString);
        List<String> forced = new ArrayList<>(mapping);
        forced.add("-Xshare:on");
        assertEquals(0, run(forced, jar, 0), "a JVM that must map the archive starts");
    }

    @Test
    void aWorkerThatFailsLeavesNoArchive() throws Exception {
        Path jar = probeJar();
        Path archives = dir.resolve("cds");
        ClassArchive archive = ClassArchive.forWorker(archives, jar.toString(), List.of());
        archive.workerExited(run(archive.jvmOptions(), jar, 3));
        try (Stream<Path> files = Files.list(archives)) {
            assertEquals(List.of(), files.toList());
        }
        assertTrue(ClassArchive.forWorker(archives, jar.toString(), List.of()).jvmOptions().stream()
            .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=")), "the next worker writes it");
    }

    @Test
    void usersSharingOptionsAndDirectoriesOnTheClassPathGetNone() throws Exception {
        Path jar = probeJar();
        assertEquals(List.of(), ClassArchive.forWorker(dir, jar.toString(), List.of("-Xshare:off")).jvmOptions());
        assertEquals(List.of(), ClassArchive.forWorker(dir, jar.toString(),
            List.of("-XX:SharedArchiveFile=/elsewhere.jsa")).jvmOptions());
        assertEquals(List.of(), ClassArchive.forWorker(dir, jar + java.io.File.pathSeparator + dir, List.of()).jvmOptions());
        assertEquals(List.of(), ClassArchive.forWorker(null, jar.toString(), List.of()).jvmOptions());
        assertFalse(Files.exists(dir.resolve("cds")));
    }

    private int run(List<String> options, Path jar, int status) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), ArchiveProbe.class.getName(), String.valueOf(status)));
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor();
    }

    /** A jar holding {@link ArchiveProbe}. */
    private Path probeJar() throws IOException, URISyntaxException {
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        Path classes = Path.of(ArchiveProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("probe.jar");
        if (!Files.exists(jar)) {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(entry));
                Files.copy(classes.resolve(entry), out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
