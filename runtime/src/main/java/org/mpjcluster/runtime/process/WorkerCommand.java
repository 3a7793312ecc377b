package org.mpjcluster.runtime.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of a worker JVM: this JVM's Java and class path (which hold the runtime the
 * worker runs), then the given options, then {@link WorkerMain} with where to connect back.
 */
final class WorkerCommand {

    private WorkerCommand() {
    }

    /** {@code java OPTIONS -cp THIS_CLASSPATH WorkerMain CONTROL_PORT WORKER_INDEX}. */
    static List<String> of(List<String> jvmOptions, int controlPort, int workerIndex) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", thisClasspath(), WorkerMain.class.getName(),
            Integer.toString(controlPort), Integer.toString(workerIndex)));
        return command;
    }

    /** This JVM's class path with absolute entries. */
    private static String thisClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    }
}
