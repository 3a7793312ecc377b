package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import mpi.Cartcomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.RankOutcome;
import org.mpjcluster.runtime.local.RankOutcome.Ending;

/**
 * Error handlers: {@code ERRORS_RETURN} (the default) throws to the caller; {@code ERRORS_ARE_FATAL}
 * ends the whole job at the failing call, even if the caller would catch the exception, with a
 * message naming the rank and the call; new communicators start with their parent's handler.
 */
class ErrhandlerTest {

    private static final int NEVER_SENT = 1;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void errorsReturnByDefaultAndNewCommunicatorsInheritTheirParentsHandler(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            Intracomm dup = MPI.COMM_WORLD.Dup();
            dup.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            Intracomm inherited = dup.Split(0, 0);
            Intracomm copy = dup.Dup();
            copy.Errorhandler_set(MPI.ERRORS_RETURN);
            return List.of(
                "world " + MPI.COMM_WORLD.Errorhandler_get() + ", dup " + dup.Errorhandler_get()
                    + ", split of dup " + inherited.Errorhandler_get() + ", copy reset " + copy.Errorhandler_get()
                    + ", self " + MPI.COMM_SELF.Errorhandler_get(),
                Errors.of(() -> MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, 99, 0), "Send", "99"),
                Errors.of(() -> copy.Send(new int[1], 0, 1, MPI.INT, 99, 0), "Send", "99"),
                Errors.of(() -> MPI.COMM_WORLD.Errhandler_set(null), "Errhandler_set", "errhandler"));
        });

        assertEquals(Jobs.expected(size, rank -> List.of(
            "world MPI.ERRORS_RETURN, dup MPI.ERRORS_ARE_FATAL, split of dup MPI.ERRORS_ARE_FATAL, "
                + "copy reset MPI.ERRORS_RETURN, self MPI.ERRORS_RETURN",
            Errors.naming(MPI.ERR_RANK, "Send", "99"),
            Errors.naming(MPI.ERR_RANK, "Send", "99"),
            Errors.naming(MPI.ERR_ARG, "Errhandler_set", "errhandler"))), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void fatalErrorEndsTheJobAtTheFailingCallEvenIfTheCallerCatchesIt(int size) throws Exception {
        int culprit = size - 1;
        int badDest = size + 9;
        JobResult<String> result = Jobs.run(size, () -> {
            if (Peers.rank() == culprit) {
                MPI.COMM_WORLD.Errhandler_set(MPI.ERRORS_ARE_FATAL);
                try {
                    MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, badDest, 0);
                } catch (MPIException e) {
                    return "caught, so the job went on";
                }
                return "sent";
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, culprit, NEVER_SENT);
            return "received";
        });

        assertAll(
            () -> assertFalse(result.succeeded()),
            () -> assertEquals(culprit, result.failedRank().orElse(-1)),
            () -> assertEquals(MPI.ERR_RANK, result.exitCode()),
            () -> assertTrue(result.failureMessage().orElse("").startsWith("rank " + culprit + ": Send: dest " + badDest
                + " is not a rank of this communicator"), () -> result.failureMessage().orElse("")),
            () -> assertTrue(result.failureMessage().orElse("").contains("MPI.ERRORS_ARE_FATAL")),
            () -> assertEquals(Jobs.expected(size, rank -> rank == culprit ? Ending.ABORTED : Ending.STOPPED),
                result.outcomes().stream().map(RankOutcome::ending).toList()));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void fatalErrorInACollectiveEndsTheJobNamingTheCall(int size) throws Exception {
        int badRoot = size + 2;
        JobResult<String> result = Jobs.run(size, () -> {
            MPI.COMM_WORLD.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            try {
                MPI.COMM_WORLD.Bcast(new int[1], 0, 1, MPI.INT, Peers.rank() == 0 ? badRoot : 0);
            } catch (MPIException e) {
                return "caught, so the job went on";
            }
            return "broadcast";
        });

        String message = result.failureMessage().orElse("");
        assertAll(
            () -> assertFalse(result.succeeded()),
            () -> assertEquals(0, result.failedRank().orElse(-1)),
            () -> assertEquals(MPI.ERR_ROOT, result.exitCode()),
            () -> assertTrue(message.startsWith("rank 0: Bcast: "), message),
            () -> assertTrue(result.outcomes().stream().noneMatch(outcome -> outcome.ending() == Ending.SUCCEEDED)));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4, 5, 8, 9})
    void fatalErrorRaisedInsideACollectiveConstructionNamesItsCall(int size) throws Exception {
        JobResult<String> result = Jobs.run(size, () -> {
            MPI.COMM_WORLD.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            try {
                MPI.COMM_WORLD.Split(Peers.rank() == 1 ? -5 : 0, 0);
            } catch (MPIException e) {
                return "caught";
            }
            return "split";
        });

        String message = result.failureMessage().orElse("");
        assertAll(
            () -> assertFalse(result.succeeded()),
            () -> assertEquals(MPI.ERR_ARG, result.exitCode()),
            () -> assertTrue(Pattern.compile("rank \\d+: Split: rank 1 passed colour -5").matcher(message).lookingAt(), message),
            () -> assertTrue(result.outcomes().stream().noneMatch(outcome -> outcome.ending() == Ending.SUCCEEDED)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Wait", "Test", "Waitall", "Waitany", "Waitsome", "Testall", "Testany", "Testsome"})
    void fatalErrorSeenWhenARequestCompletesEndsTheJobNamingTheCompletingCall(String call) throws Exception {
        JobResult<String> result = Jobs.run(2, () -> {
            Intracomm fatal = MPI.COMM_WORLD.Dup();
            fatal.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            if (Peers.rank() == 1) {
                fatal.Send(new int[4], 0, 4, MPI.INT, 0, 0);
                return "sent";
            }
            Request tooSmall = fatal.Irecv(new int[1], 0, 1, MPI.INT, 1, 0);
            try {
                complete(call, tooSmall);
            } catch (MPIException e) {
                return "caught, so the job went on";
            }
            return "completed";
        });

        String message = result.failureMessage().orElse("");
        assertAll(
            () -> assertEquals(0, result.failedRank().orElse(-1)),
            () -> assertEquals(MPI.ERR_TRUNCATE, result.exitCode()),
            () -> assertTrue(message.startsWith("rank 0: " + call + ": "), message),
            () -> assertTrue(message.contains("MPI.ERRORS_ARE_FATAL"), message),
            () -> assertEquals(Ending.ABORTED, result.outcome(0).ending()));
    }

    /** Completes {@code request} with {@code call}, polling for the Test calls. */
    private static void complete(String call, Request request) {
        Request[] all = {request};
        switch (call) {
            case "Wait" -> request.Wait();
            case "Waitall" -> Request.Waitall(all);
            case "Waitany" -> Request.Waitany(all);
            case "Waitsome" -> Request.Waitsome(all);
            default -> {
                while (!tested(call, request, all)) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static boolean tested(String call, Request request, Request[] all) {
        return switch (call) {
            case "Test" -> request.Test() != null;
            case "Testall" -> Request.Testall(all) != null;
            case "Testany" -> Request.Testany(all) != null;
            case "Testsome" -> Request.Testsome(all).length > 0;
            default -> throw new IllegalArgumentException(call);
        };
    }

    @Test
    void fatalHandlerCoversTopologyCallsAndFreedCommunicatorsButNotOtherCommunicators() throws Exception {
        int size = 4;
        JobResult<String> topology = Jobs.run(size, () -> {
            Cartcomm grid = MPI.COMM_WORLD.Create_cart(new int[] {2, 2}, new boolean[2], false);
            grid.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            String world = Errors.of(() -> MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, -7, 0), "Send", "-7");
            if (Peers.rank() == 2) {
                grid.Coords(17);
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 2, NEVER_SENT);
            return world;
        });
        JobResult<String> freed = Jobs.run(size, () -> {
            Intracomm dup = MPI.COMM_WORLD.Dup();
            dup.Errhandler_set(MPI.ERRORS_ARE_FATAL);
            dup.Free();
            if (Peers.rank() == 3) {
                dup.Send(new int[1], 0, 1, MPI.INT, 0, 0);
            }
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 3, NEVER_SENT);
            return "received";
        });

        assertAll(
            () -> assertEquals(2, topology.failedRank().orElse(-1)),
            () -> assertTrue(topology.failureMessage().orElse("").startsWith("rank 2: Coords: rank 17 is not in the grid"),
                () -> topology.failureMessage().orElse("")),
            () -> assertEquals(MPI.ERR_RANK, topology.exitCode()),
            () -> assertEquals(3, freed.failedRank().orElse(-1)),
            () -> assertTrue(freed.failureMessage().orElse("").startsWith("rank 3: Send: the communicator has been freed"),
                () -> freed.failureMessage().orElse("")),
            () -> assertEquals(MPI.ERR_COMM, freed.exitCode()));
    }
}
