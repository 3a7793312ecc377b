package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import mpi.MPI;
import mpi.Prequest;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Communication with {@code MPI.PROC_NULL} succeeds at once and moves nothing: a receive from it
 * reports source {@code PROC_NULL}, tag {@code ANY_TAG} and count 0 and leaves the buffer alone.
 */
class ProcNullTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    private static final int SHIFT = 3;
    private static final int UNTOUCHED = -7;
    private static final int SIZE = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SendMode.class)
    void sendToProcNullCompletesAtOnceWithoutAReceiverOrAnAttachedBuffer(SendMode mode) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(SIZE, () -> {
            Request send = mode.start(new int[] {Peers.rank()}, MPI.PROC_NULL, DATA);
            boolean completeAtOnce = send == null || send.Test() != null;
            Peers.barrier(READY);
            return List.of(completeAtOnce, String.valueOf(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, DATA)));
        });

        assertEquals(Jobs.expected(SIZE, rank -> List.<Object>of(true, "null")), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void everyReceiveFromProcNullCompletesAtOnceWithAnEmptyStatus(int size) throws Exception {
        List<List<String>> seen = Jobs.onRanks(size, () -> {
            int[] buf = {UNTOUCHED};
            Status recv = MPI.COMM_WORLD.Recv(buf, 0, 1, MPI.INT, MPI.PROC_NULL, DATA);
            Status irecv = MPI.COMM_WORLD.Irecv(buf, 0, 1, MPI.INT, MPI.PROC_NULL, MPI.ANY_TAG).Test();
            Prequest persistent = MPI.COMM_WORLD.Recv_init(buf, 0, 1, MPI.INT, MPI.PROC_NULL, DATA);
            persistent.Start();
            Status started = persistent.Test();
            Status probe = MPI.COMM_WORLD.Probe(MPI.PROC_NULL, DATA);
            Status iprobe = MPI.COMM_WORLD.Iprobe(MPI.PROC_NULL, MPI.ANY_TAG);
            Status sendrecv = MPI.COMM_WORLD.Sendrecv(new int[] {1}, 0, 1, MPI.INT, MPI.PROC_NULL, DATA,
                buf, 0, 1, MPI.INT, MPI.PROC_NULL, DATA);
            return List.of(describe(recv), describe(irecv), describe(started), describe(probe), describe(iprobe),
                describe(sendrecv), "buffer " + buf[0]);
        });

        String empty = describe(MPI.PROC_NULL, MPI.ANY_TAG, 0);
        assertEquals(Jobs.expected(size, rank -> List.of(empty, empty, empty, empty, empty, empty,
            "buffer " + UNTOUCHED)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void nonPeriodicShiftUsesProcNullAtBothEnds(int size) throws Exception {
        List<List<Integer>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int dest = rank + 1 < size ? rank + 1 : MPI.PROC_NULL;
            int source = rank > 0 ? rank - 1 : MPI.PROC_NULL;
            int[] received = {UNTOUCHED};
            Status shifted = MPI.COMM_WORLD.Sendrecv(new int[] {10 * rank}, 0, 1, MPI.INT, dest, SHIFT,
                received, 0, 1, MPI.INT, source, SHIFT);
            int[] replaced = {10 * rank};
            Status replacedStatus = MPI.COMM_WORLD.Sendrecv_replace(replaced, 0, 1, MPI.INT, dest, SHIFT,
                source, SHIFT);
            return List.of(received[0], shifted.source, replaced[0], replacedStatus.source);
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0
            ? List.of(UNTOUCHED, MPI.PROC_NULL, 0, MPI.PROC_NULL)
            : List.of(10 * (rank - 1), rank - 1, 10 * (rank - 1), rank - 1)), seen);
    }

    private static String describe(Status status) {
        return status == null ? "not complete" : describe(status.source, status.tag, status.Get_count(MPI.INT));
    }

    private static String describe(int source, int tag, int count) {
        return "source " + source + " tag " + tag + " count " + count;
    }
}
