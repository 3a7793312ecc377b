package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Op;
import mpi.User_function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collectives reject invalid arguments with an MPIException of the right error class whose
 * message names the call and the argument, before sending anything; a receive of more data than
 * was posted ends in MPI_ERR_TRUNCATE on the ranks that received too little room, without leaving
 * the others waiting.
 */
class CollectiveErrorTest {

    private static final Intracomm WORLD = MPI.COMM_WORLD;

    /** A call made with one invalid argument on a job of one rank. */
    record Fault(String label, int errorClass, List<String> named, Runnable call) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Fault> faults() {
        int[] ten = new int[10];
        double[] tenDoubles = new double[10];
        Datatype uncommitted = Datatype.Contiguous(2, MPI.INT);
        return Stream.of(
            new Fault("Bcast root too large", MPI.ERR_ROOT, List.of("Bcast:", "root", "1"),
                () -> WORLD.Bcast(ten, 0, 1, MPI.INT, 1)),
            new Fault("Gather negative root", MPI.ERR_ROOT, List.of("Gather:", "root", "-1"),
                () -> WORLD.Gather(ten, 0, 1, MPI.INT, ten, 0, 1, MPI.INT, -1)),
            new Fault("Scatterv root too large", MPI.ERR_ROOT, List.of("Scatterv:", "root"),
                () -> WORLD.Scatterv(ten, 0, new int[] {1}, new int[] {0}, MPI.INT, ten, 0, 1, MPI.INT, 3)),
            new Fault("Reduce root too large", MPI.ERR_ROOT, List.of("Reduce:", "root"),
                () -> WORLD.Reduce(ten, 0, ten, 0, 1, MPI.INT, MPI.SUM, 2)),
            new Fault("Bcast null buffer", MPI.ERR_BUFFER, List.of("Bcast:", "buf"),
                () -> WORLD.Bcast(null, 0, 1, MPI.INT, 0)),
            new Fault("Gather recvcount beyond recvbuf", MPI.ERR_BUFFER, List.of("Gather:", "recvbuf", "recvcount"),
                () -> WORLD.Gather(ten, 0, 1, MPI.INT, ten, 0, 11, MPI.INT, 0)),
            new Fault("Allgather sendbuf of another type", MPI.ERR_BUFFER, List.of("Allgather:", "sendbuf"),
                () -> WORLD.Allgather(tenDoubles, 0, 1, MPI.INT, ten, 0, 1, MPI.INT)),
            new Fault("Alltoall negative recvoffset", MPI.ERR_BUFFER, List.of("Alltoall:", "recvoffset"),
                () -> WORLD.Alltoall(ten, 0, 1, MPI.INT, ten, -1, 1, MPI.INT)),
            new Fault("Gatherv displacement beyond recvbuf", MPI.ERR_BUFFER, List.of("Gatherv:", "displs[0]", "recvbuf"),
                () -> WORLD.Gatherv(ten, 0, 1, MPI.INT, ten, 0, new int[] {2}, new int[] {9}, MPI.INT, 0)),
            new Fault("Allreduce recvbuf too small", MPI.ERR_BUFFER, List.of("Allreduce:", "recvbuf", "count"),
                () -> WORLD.Allreduce(ten, 0, new int[3], 0, 4, MPI.INT, MPI.SUM)),
            new Fault("Scatter negative sendcount", MPI.ERR_COUNT, List.of("Scatter:", "sendcount"),
                () -> WORLD.Scatter(ten, 0, -1, MPI.INT, ten, 0, 1, MPI.INT, 0)),
            new Fault("Alltoallv negative recvcount", MPI.ERR_COUNT, List.of("Alltoallv:", "recvcount[0]"),
                () -> WORLD.Alltoallv(ten, 0, new int[] {1}, new int[] {0}, MPI.INT, ten, 0, new int[] {-2},
                    new int[] {0}, MPI.INT)),
            new Fault("Allgatherv recvcount missing", MPI.ERR_ARG, List.of("Allgatherv:", "recvcount"),
                () -> WORLD.Allgatherv(ten, 0, 1, MPI.INT, ten, 0, null, new int[] {0}, MPI.INT)),
            new Fault("Reduce_scatter recvcounts too short", MPI.ERR_ARG, List.of("Reduce_scatter:", "recvcounts"),
                () -> WORLD.Reduce_scatter(ten, 0, ten, 0, new int[0], MPI.INT, MPI.SUM)),
            new Fault("Scan uncommitted datatype", MPI.ERR_TYPE, List.of("Scan:", "datatype"),
                () -> WORLD.Scan(ten, 0, ten, 2, 1, uncommitted, MPI.SUM)),
            new Fault("Gather null recvtype", MPI.ERR_TYPE, List.of("Gather:", "recvtype"),
                () -> WORLD.Gather(ten, 0, 1, MPI.INT, ten, 0, 1, null, 0)),
            new Fault("Allgather kinds differ", MPI.ERR_TYPE, List.of("Allgather:", "sendtype", "recvtype"),
                () -> WORLD.Allgather(ten, 0, 1, MPI.INT, new float[10], 0, 1, MPI.FLOAT)),
            new Fault("Allreduce BAND on DOUBLE", MPI.ERR_OP, List.of("Allreduce:", "MPI.BAND", "MPI.DOUBLE"),
                () -> WORLD.Allreduce(tenDoubles, 0, tenDoubles, 5, 1, MPI.DOUBLE, MPI.BAND)),
            new Fault("Reduce SUM on BOOLEAN", MPI.ERR_OP, List.of("Reduce:", "MPI.SUM", "MPI.BOOLEAN"),
                () -> WORLD.Reduce(new boolean[2], 0, new boolean[2], 1, 1, MPI.BOOLEAN, MPI.SUM, 0)),
            new Fault("Scan MAXLOC on INT", MPI.ERR_OP, List.of("Scan:", "MPI.MAXLOC", "MPI.INT", "pairs"),
                () -> WORLD.Scan(ten, 0, ten, 2, 2, MPI.INT, MPI.MAXLOC)),
            new Fault("Exscan MAX on OBJECT", MPI.ERR_OP, List.of("Exscan:", "MPI.MAX", "MPI.OBJECT", "Op"),
                () -> WORLD.Exscan(new Object[2], 0, new Object[2], 1, 1, MPI.OBJECT, MPI.MAX)),
            new Fault("Reduce_scatter null op", MPI.ERR_OP, List.of("Reduce_scatter:", "op"),
                () -> WORLD.Reduce_scatter(ten, 0, ten, 5, new int[] {1}, MPI.INT, null)),
            new Fault("Op without a function", MPI.ERR_OP, List.of("Op:", "function"),
                () -> new Op(null, true)),
            new Fault("Allreduce with a finalized Op", MPI.ERR_OP, List.of("Allreduce:", "freed"),
                () -> WORLD.Allreduce(ten, 0, ten, 5, 1, MPI.INT, finalized(new Op(new Sum(), true)))),
            new Fault("Is_commute of a finalized Op", MPI.ERR_OP, List.of("Is_commute:", "freed"),
                () -> finalized(new Op(new Sum(), false)).Is_commute()),
            new Fault("finalize of an Op twice", MPI.ERR_OP, List.of("finalize:", "freed"),
                () -> finalized(new Op(new Sum(), true)).finalize()),
            new Fault("finalize of MPI.SUM", MPI.ERR_OP, List.of("finalize:", "MPI.SUM", "predefined"),
                MPI.SUM::finalize));
    }

    /** {@code op}, freed by mpiJava's name for {@code MPI_Op_free}. */
    private static Op finalized(Op op) {
        op.finalize();
        return op;
    }

    /** Sums ints. */
    private static final class Sum extends User_function {
        @Override
        public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
            for (int i = 0; i < count; i++) {
                ((int[]) inoutvec)[inoutoffset + i] += ((int[]) invec)[inoffset + i];
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void rejectsTheInvalidArgumentNamingTheCallAndTheArgument(Fault fault) throws Exception {
        String[] words = fault.named().toArray(new String[0]);
        List<String> seen = Jobs.onRanks(1, () -> Errors.of(fault.call(), words));

        assertEquals(List.of(Errors.naming(fault.errorClass(), words)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5})
    void everyRankRejectsAnInvalidRootAndTheNextCollectiveStillWorks(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int[] value = {Peers.rank() + 1};
            String bcast = Errors.classOf(() -> WORLD.Bcast(value, 0, 1, MPI.INT, size));
            String reduce = Errors.classOf(() -> WORLD.Reduce(value, 0, new int[1], 0, 1, MPI.INT, MPI.SUM, -1));
            int[] sum = new int[1];
            WORLD.Allreduce(value, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            return bcast + ", " + reduce + ", then the sum " + sum[0];
        });

        assertEquals(Jobs.expected(size, rank -> "MPI_ERR_ROOT, MPI_ERR_ROOT, then the sum " + size * (size + 1) / 2),
            seen);
    }

    /** On 2 and 3 ranks every receiver gets the data from the root itself, so every one truncates. */
    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void bcastIntoTooSmallABufferTruncatesOnTheReceiversOnly(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int root = size - 1;
            int[] buffer = {7, 8, 9, 10};
            boolean isRoot = Peers.rank() == root;
            String error = Errors.of(() -> WORLD.Bcast(buffer, 0, isRoot ? 4 : 2, MPI.INT, root), "Bcast:");
            WORLD.Barrier();
            return error;
        });

        assertEquals(Jobs.expected(size, rank -> rank == size - 1 ? Errors.NONE
            : Errors.naming(MPI.ERR_TRUNCATE, "Bcast:")), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5, 8})
    void gatherOfMoreThanTheRootPostedTruncatesAtTheRoot(int size) throws Exception {
        List<String> seen = Jobs.onRanks(size, () -> {
            int[] recv = new int[size];
            String error = Errors.of(() -> WORLD.Gather(new int[] {1, 2}, 0, 2, MPI.INT, recv, 0, 1, MPI.INT, 0),
                "Gather:");
            WORLD.Barrier();
            return error;
        });

        assertEquals(Jobs.expected(size, rank -> rank == 0 ? Errors.naming(MPI.ERR_TRUNCATE, "Gather:") : Errors.NONE),
            seen);
    }
}
