package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import mpi.CartParms;
import mpi.Cartcomm;
import mpi.Comm;
import mpi.Datatype;
import mpi.Errhandler;
import mpi.GraphParms;
import mpi.Graphcomm;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Op;
import mpi.Prequest;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;
import mpi.User_function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpjcluster.runtime.local.Classpath;
import org.mpjcluster.runtime.local.JobResult;

/**
 * Programs written for mpiJava run unchanged: {@code mpijava/EveryMember.java}, a program that
 * uses every public member of the {@code mpi} package as mpiJava 1.2 declares it, compiles against
 * the built API at test time and runs on four ranks, every rank checking the results of its calls.
 */
class MpiJavaProgramTest {

    /** The classes of the mpiJava 1.2 specification. */
    private static final List<Class<?>> API = List.of(MPI.class, Comm.class, Intracomm.class, Intercomm.class,
        Cartcomm.class, Graphcomm.class, Group.class, Datatype.class, Op.class, User_function.class, Request.class,
        Prequest.class, Status.class, Errhandler.class, MPIException.class, CartParms.class, GraphParms.class,
        ShiftParms.class);
    /** Members every class has from {@code Object}, which the program need not use. */
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode");
    private static final String PROGRAM = "EveryMember";
    private static final int RANKS = 4;
    /** The program makes some hundred calls; far more than it needs even on a loaded machine. */
    private static final Duration PROGRAM_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void programUsingEveryPublicMemberCompilesAndRunsOnEveryRank(@TempDir Path dir) throws Exception {
        Path classes = compile(dir);

        JobResult<Void> result = Jobs.job(RANKS).timeout(PROGRAM_TIMEOUT)
            .runMain(Classpath.parse(classes.toString()), PROGRAM);

        assertTrue(result.succeeded(), () -> "the program failed (a failed check prints 'check failed' on its "
            + "rank's standard error): " + result.failureMessage().orElse("(no message)"));
    }

    @Test
    void programNamesEveryPublicMemberOfTheSpecificationsClasses() throws IOException {
        String source = programSource();
        List<String> unused = new ArrayList<>();
        for (Class<?> type : API) {
            Stream.of(type.getDeclaredMethods()).filter(method -> !method.isSynthetic() && !method.isBridge())
                .filter(method -> !OBJECT_METHODS.contains(method.getName()))
                .filter(MpiJavaProgramTest::isPublic).map(Method::getName)
                .filter(name -> !Pattern.compile("\\b" + name + "\\(").matcher(source).find())
                .forEach(name -> unused.add(type.getSimpleName() + "." + name + "()"));
            Stream.of(type.getDeclaredFields()).filter(MpiJavaProgramTest::isPublic).map(Member::getName)
                .filter(name -> !Pattern.compile("\\." + name + "\\b").matcher(source).find())
                .forEach(name -> unused.add(type.getSimpleName() + "." + name));
            if (Stream.of(type.getDeclaredConstructors()).anyMatch(MpiJavaProgramTest::isPublic)
                && !Modifier.isAbstract(type.getModifiers()) && !source.contains("new " + type.getSimpleName() + "(")) {
                unused.add("new " + type.getSimpleName() + "(...)");
            }
        }

        assertEquals(List.of(), unused, "public members the program " + PROGRAM + " does not use; add them to it");
    }

    /** Compiles the program against the API's classes; returns the directory of its classes. */
    private static Path compile(Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path program = Files.writeString(sources.resolve(PROGRAM + ".java"), programSource());
        String api = Path.of(MPI.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK, with its Java compiler");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            // -Xlint:static -Werror: an instance member that became static fails as surely as a missing one.
            List<String> options = List.of("-classpath", api, "-d", classes.toString(), "-proc:none",
                "-Xlint:static", "-Werror");
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                files.getJavaFileObjects(program)).call();
            assertTrue(compiled, () -> "the program does not compile against the API:\n" + diagnostics.getDiagnostics()
                .stream().map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                .collect(Collectors.joining("\n")));
        }
        return classes;
    }

    private static String programSource() throws IOException {
        try (InputStream in = MpiJavaProgramTest.class.getResourceAsStream("/mpijava/" + PROGRAM + ".java")) {
            assertNotNull(in, "test resource mpijava/" + PROGRAM + ".java is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean isPublic(Member member) {
        return Modifier.isPublic(member.getModifiers());
    }
}
