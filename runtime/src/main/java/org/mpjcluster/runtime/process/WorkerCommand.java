package org.mpjcluster.runtime.process;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of a worker JVM: this JVM's Java and a class path that holds the runtime the
 * worker runs, then the given options, then {@link WorkerMain} with where to connect back. The
 * class path is {@code mpjrun.jar} when this JVM runs from a jar that has it beside it (as
 * {@code mpj-node.jar} does in a build): it holds what a worker needs and nothing of Pekko, so a
 * worker starts faster than on the peer's own jar; otherwise it is this JVM's class path.
 */
final class WorkerCommand {

    private static final String LEAN_JAR = "mpjrun.jar";

    private WorkerCommand() {
    }

    /** {@code java OPTIONS -cp THIS_CLASSPATH WorkerMain CONTROL_PORT WORKER_INDEX}. */
    static List<String> of(List<String> jvmOptions, int controlPort, int workerIndex) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(), WorkerMain.class.getName(),
            Integer.toString(controlPort), Integer.toString(workerIndex)));
        return command;
    }

    /** The lean {@code mpjrun.jar} beside the jar this class comes from, or else this JVM's class path. */
    static String classpath() {
        Path lean = leanJar();
        if (lean != null) {
            return lean.toString();
        }
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path leanJar() {
        try {
            Path source = Path.of(WorkerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lean = source.resolveSibling(LEAN_JAR);
            return Files.isRegularFile(source) && Files.isRegularFile(lean) ? lean.toAbsolutePath() : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
