package org.mpjcluster.mpi;

import java.util.Arrays;
import java.util.regex.Pattern;
import mpi.MPIException;
import org.mpjcluster.engine.ErrorClass;

/**
 * Describes what an MPI call raised as a string, so that a rank task can return it and the test
 * can compare it with what every rank should have seen.
 */
final class Errors {

    /** What {@link #of} and {@link #classOf} return when the call raised nothing. */
    static final String NONE = "no error";

    private Errors() {
    }

    /** The name of the error class of the MPIException {@code call} raised, such as {@code MPI_ERR_RANK}. */
    static String classOf(Runnable call) {
        try {
            call.run();
            return NONE;
        } catch (MPIException e) {
            return ErrorClass.name(e.getErrorClass());
        }
    }

    /**
     * The error class {@code call} raised and, if its message contains each of {@code words}, the
     * words it names; otherwise the whole message, so that a failing test shows it.
     */
    static String of(Runnable call, String... words) {
        try {
            call.run();
            return NONE;
        } catch (MPIException e) {
            return describe(e.getErrorClass(), e.getMessage(), words);
        }
    }

    /** What {@link #of} returns for an error of {@code errorClass} whose message names {@code words}. */
    static String naming(int errorClass, String... words) {
        return describe(errorClass, String.join(" ", words), words);
    }

    private static String describe(int errorClass, String message, String... words) {
        boolean namesAll = Arrays.stream(words).allMatch(word -> containsWord(message, word));
        return ErrorClass.name(errorClass) + (namesAll ? " naming " + String.join(", ", words) : ": " + message);
    }

    /** Whether {@code word} occurs in {@code message} not as part of a longer word or number. */
    private static boolean containsWord(String message, String word) {
        return Pattern.compile("(?<!\\w)" + Pattern.quote(word) + "(?!\\w)").matcher(message).find();
    }
}
