import java.nio.ByteBuffer;
import java.util.Arrays;
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

/**
 * A program written for mpiJava 1.2 that uses every public member of the {@code mpi} package.
 * MpiJavaProgramTest compiles it against the built API, which fails if a member is missing or has
 * another signature (static members are called through their class, instance members through an
 * object, and results are assigned to variables of their exact type), and runs it on four ranks,
 * each of which checks the results of its calls. A failed check ends the job with {@code Abort},
 * as an mpiJava program would, after printing what failed.
 */
public class EveryMember {

    private static final int SIZE = 4;
    private static final int CHECK_FAILED = 3;
    private static final int DATA = 1;
    private static final int PROBED = 2;
    private static final int NEVER_SENT = 3;
    private static final int FREED = 4;
    private static final int PERSISTENT = 10;
    private static final int INTER = 20;

    private static int rank;
    private static int left;
    private static int right;

    public static void main(String[] args) throws MPIException {
        boolean initializedBefore = MPI.Initialized();
        String[] rest = MPI.Init(args);
        check(!initializedBefore && MPI.Initialized() && !MPI.Finalized(), "Initialized and Finalized around Init");
        check(Arrays.equals(rest, args), "Init returns the arguments");
        rank = MPI.COMM_WORLD.Rank();
        check(MPI.COMM_WORLD.Size() == SIZE, "the program runs on " + SIZE + " ranks");
        left = (rank + SIZE - 1) % SIZE;
        right = (rank + 1) % SIZE;

        environment(args);
        constants();
        pointToPoint();
        bufferedSends();
        requests();
        persistentRequests();
        probesAndStatus();
        packing();
        datatypes();
        groups();
        communicators();
        intercommunicators();
        collectives();
        reductions();
        cartesian();
        graph();
        errors();

        MPI.COMM_WORLD.Barrier();
        MPI.Finalize();
        check(MPI.Finalized(), "Finalized after Finalize");
    }

    private static void environment(String[] args) throws MPIException {
        check(MPI.Init_thread(args, MPI.THREAD_MULTIPLE) == MPI.THREAD_MULTIPLE, "Init_thread provides THREAD_MULTIPLE");
        check(MPI.Query_thread() == MPI.THREAD_MULTIPLE, "Query_thread");
        check(MPI.THREAD_SINGLE < MPI.THREAD_FUNNELED && MPI.THREAD_FUNNELED < MPI.THREAD_SERIALIZED
            && MPI.THREAD_SERIALIZED < MPI.THREAD_MULTIPLE, "thread levels in order");
        check(MPI.Is_thread_main(), "Is_thread_main on the main thread");
        double start = MPI.Wtime();
        check(MPI.Wtick() > 0 && MPI.Wtime() >= start, "Wtime and Wtick");
        check(MPI.Get_processor_name().length() > 0, "Get_processor_name");
        MPI.Pcontrol(1, null);
    }

    private static void constants() throws MPIException {
        check(MPI.UNDEFINED == -1 && MPI.ANY_SOURCE == -2 && MPI.ANY_TAG == -2 && MPI.PROC_NULL == -3,
            "special values have MPJ Express's numbers");
        check(MPI.COMM_WORLD.Attr_get(MPI.TAG_UB) >= 32767, "TAG_UB is at least 32767");
        check(MPI.COMM_WORLD.Attr_get(MPI.HOST) == MPI.PROC_NULL, "HOST");
        int io = MPI.COMM_WORLD.Attr_get(MPI.IO);
        check(io == MPI.ANY_SOURCE || io == MPI.PROC_NULL || (io >= 0 && io < SIZE), "IO");
        int global = MPI.COMM_WORLD.Attr_get(MPI.WTIME_IS_GLOBAL);
        check(global == 0 || global == 1, "WTIME_IS_GLOBAL");
        check(distinct(MPI.IDENT, MPI.CONGRUENT, MPI.SIMILAR, MPI.UNEQUAL), "comparison results");
        check(distinct(MPI.GRAPH, MPI.CART, MPI.UNDEFINED), "topology types");
        check(MPI.SUCCESS == 0 && distinct(MPI.SUCCESS, MPI.ERR_BUFFER, MPI.ERR_COUNT, MPI.ERR_TYPE, MPI.ERR_TAG,
            MPI.ERR_COMM, MPI.ERR_RANK, MPI.ERR_REQUEST, MPI.ERR_ROOT, MPI.ERR_GROUP, MPI.ERR_OP, MPI.ERR_TOPOLOGY,
            MPI.ERR_DIMS, MPI.ERR_ARG, MPI.ERR_UNKNOWN, MPI.ERR_TRUNCATE, MPI.ERR_OTHER, MPI.ERR_INTERN,
            MPI.ERR_PROC_FAILED), "error classes");
        check(MPI.COMM_SELF.Size() == 1 && MPI.COMM_SELF.Rank() == 0, "COMM_SELF");
        check(MPI.GROUP_EMPTY.Size() == 0 && MPI.GROUP_EMPTY.Rank() == MPI.UNDEFINED, "GROUP_EMPTY");
        check(MPI.REQUEST_NULL.Is_null(), "REQUEST_NULL is null");
    }

    private static void pointToPoint() throws MPIException {
        int[] in = new int[1];
        MPI.COMM_WORLD.Send(new int[] {rank}, 0, 1, MPI.INT, right, DATA);
        Status status = MPI.COMM_WORLD.Recv(in, 0, 1, MPI.INT, left, DATA);
        check(in[0] == left && status.source == left && status.tag == DATA, "Send and Recv");

        Request receive = MPI.COMM_WORLD.Irecv(in, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Ssend(new int[] {rank + 10}, 0, 1, MPI.INT, right, DATA);
        receive.Wait();
        check(in[0] == left + 10, "Ssend");

        receive = MPI.COMM_WORLD.Irecv(in, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Barrier();
        MPI.COMM_WORLD.Rsend(new int[] {rank + 20}, 0, 1, MPI.INT, right, DATA);
        receive.Wait();
        check(in[0] == left + 20, "Rsend");

        receive = MPI.COMM_WORLD.Irecv(in, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Barrier();
        Request[] sends = {MPI.COMM_WORLD.Irsend(new int[] {rank + 30}, 0, 1, MPI.INT, right, DATA)};
        receive.Wait();
        Request.Waitall(sends);
        check(in[0] == left + 30, "Irsend");

        status = MPI.COMM_WORLD.Sendrecv(new int[] {rank + 40}, 0, 1, MPI.INT, right, DATA,
            in, 0, 1, MPI.INT, left, DATA);
        check(in[0] == left + 40 && status.source == left, "Sendrecv");
        int[] replaced = {rank + 50};
        MPI.COMM_WORLD.Sendrecv_replace(replaced, 0, 1, MPI.INT, right, DATA, left, DATA);
        check(replaced[0] == left + 50, "Sendrecv_replace");
    }

    private static void bufferedSends() throws MPIException {
        byte[] space = new byte[4 * (Long.BYTES + MPI.BSEND_OVERHEAD)];
        MPI.Buffer_attach(space);
        MPI.COMM_WORLD.Bsend(new int[] {rank}, 0, 1, MPI.INT, right, DATA);
        Request sent = MPI.COMM_WORLD.Ibsend(new int[] {rank + 1}, 0, 1, MPI.INT, right, DATA);
        int[] in = new int[2];
        MPI.COMM_WORLD.Recv(in, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Recv(in, 1, 1, MPI.INT, left, DATA);
        sent.Wait();
        check(MPI.Buffer_detach() == space, "Buffer_detach returns the attached array");
        check(in[0] == left && in[1] == left + 1, "Bsend and Ibsend");

        ByteBuffer direct = ByteBuffer.allocate(space.length);
        MPI.Buffer_attach(direct);
        MPI.COMM_WORLD.Bsend(new int[] {rank + 2}, 0, 1, MPI.INT, right, DATA);
        MPI.COMM_WORLD.Recv(in, 0, 1, MPI.INT, left, DATA);
        check(MPI.Buffer_detach() == direct.array() && in[0] == left + 2, "Buffer_attach of a ByteBuffer");
    }

    private static void requests() throws MPIException {
        int[] fromLeft = new int[1];
        int[] fromRight = new int[1];
        Request[] receives = {MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, left, DATA),
            MPI.COMM_WORLD.Irecv(fromRight, 0, 1, MPI.INT, right, DATA)};
        Request[] sends = {MPI.COMM_WORLD.Isend(new int[] {rank}, 0, 1, MPI.INT, right, DATA),
            MPI.COMM_WORLD.Issend(new int[] {rank}, 0, 1, MPI.INT, left, DATA)};
        Status first = Request.Waitany(receives);
        check(first.index == 0 || first.index == 1, "Waitany's index");
        receives[first.index] = MPI.REQUEST_NULL;
        Status[] second = Request.Waitsome(receives);
        check(second.length == 1 && second[0].index == 1 - first.index, "Waitsome skips REQUEST_NULL");
        check(fromLeft[0] == left && fromRight[0] == right, "Waitany and Waitsome receive");
        check(Request.Waitsome(receives) == null && Request.Testsome(receives) == null,
            "Waitsome and Testsome return null without active requests");
        check(Request.Waitany(receives).index == MPI.UNDEFINED && Request.Testany(receives).index == MPI.UNDEFINED,
            "Waitany and Testany without active requests");
        check(Request.Waitall(sends).length == 2, "Waitall");

        Request[] again = {MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, left, DATA)};
        MPI.COMM_WORLD.Send(new int[] {rank + 1}, 0, 1, MPI.INT, right, DATA);
        Status[] all = Request.Testall(again);
        while (all == null) {
            all = Request.Testall(again);
        }
        check(all.length == 1 && fromLeft[0] == left + 1, "Testall");

        again[0] = MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Send(new int[] {rank + 2}, 0, 1, MPI.INT, right, DATA);
        Status any = Request.Testany(again);
        while (any == null) {
            any = Request.Testany(again);
        }
        check(any.index == 0 && fromLeft[0] == left + 2, "Testany");

        again[0] = MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Send(new int[] {rank + 3}, 0, 1, MPI.INT, right, DATA);
        Status[] some = Request.Testsome(again);
        while (some.length == 0) {
            some = Request.Testsome(again);
        }
        check(some[0].index == 0 && fromLeft[0] == left + 3, "Testsome");

        Request one = MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, left, DATA);
        MPI.COMM_WORLD.Send(new int[] {rank + 4}, 0, 1, MPI.INT, right, DATA);
        Status tested = one.Test();
        while (tested == null) {
            tested = one.Test();
        }
        check(one.Is_null() && tested.source == left && fromLeft[0] == left + 4, "Test");

        Request never = MPI.COMM_WORLD.Irecv(fromLeft, 0, 1, MPI.INT, rank, NEVER_SENT);
        never.Cancel();
        check(never.Wait().Test_cancelled(), "Cancel");

        Request dropped = MPI.COMM_WORLD.Isend(new int[] {rank + 5}, 0, 1, MPI.INT, right, FREED);
        dropped.Free();
        MPI.COMM_WORLD.Recv(fromLeft, 0, 1, MPI.INT, left, FREED);
        check(dropped.Is_null() && fromLeft[0] == left + 5, "a freed send is still delivered");
    }

    private static void persistentRequests() throws MPIException {
        MPI.Buffer_attach(new byte[2 * (Long.BYTES + MPI.BSEND_OVERHEAD)]);
        int[] out = {rank, rank + 10, rank + 20, rank + 30};
        int[] in = new int[4];
        Prequest[] receives = new Prequest[4];
        for (int i = 0; i < receives.length; i++) {
            receives[i] = MPI.COMM_WORLD.Recv_init(in, i, 1, MPI.INT, left, PERSISTENT + i);
        }
        Prequest[] sends = {MPI.COMM_WORLD.Send_init(out, 0, 1, MPI.INT, right, PERSISTENT),
            MPI.COMM_WORLD.Ssend_init(out, 1, 1, MPI.INT, right, PERSISTENT + 1),
            MPI.COMM_WORLD.Bsend_init(out, 2, 1, MPI.INT, right, PERSISTENT + 2),
            MPI.COMM_WORLD.Rsend_init(out, 3, 1, MPI.INT, right, PERSISTENT + 3)};
        check(!sends[0].Is_null(), "an inactive persistent request is not null");
        for (int round = 0; round < 2; round++) {
            Prequest.Startall(receives);
            MPI.COMM_WORLD.Barrier();
            for (Prequest send : sends) {
                send.Start();
            }
            Request.Waitall(sends);
            Request.Waitall(receives);
            check(Arrays.equals(in, new int[] {left, left + 10, left + 20, left + 30}), "persistent requests");
        }
        for (Prequest request : receives) {
            request.Free();
        }
        check(receives[0].Is_null(), "a freed persistent request is null");
        MPI.Buffer_detach();
    }

    private static void probesAndStatus() throws MPIException {
        MPI.COMM_WORLD.Send(new int[] {rank, rank}, 0, 2, MPI.INT, right, PROBED);
        Status probed = MPI.COMM_WORLD.Probe(left, PROBED);
        check(probed.source == left && probed.tag == PROBED && probed.Get_count(MPI.INT) == 2
            && probed.Get_elements(MPI.INT) == 2, "Probe");
        check(MPI.COMM_WORLD.Iprobe(left, PROBED) != null && MPI.COMM_WORLD.Iprobe(left, NEVER_SENT) == null,
            "Iprobe");
        int[] in = new int[2];
        Status received = MPI.COMM_WORLD.Recv(in, 0, 2, MPI.INT, left, MPI.ANY_TAG);
        check(received.tag == PROBED && !received.Test_cancelled(), "Recv with ANY_TAG");
        Status empty = new Status();
        check(empty.source == MPI.ANY_SOURCE && empty.tag == MPI.ANY_TAG && empty.Get_count(MPI.INT) == 0,
            "new Status() is empty");
    }

    private static void packing() throws MPIException {
        byte[] packed = new byte[MPI.COMM_WORLD.Pack_size(2, MPI.INT) + MPI.COMM_WORLD.Pack_size(1, MPI.DOUBLE)];
        int position = MPI.COMM_WORLD.Pack(new int[] {rank, -rank}, 0, 2, MPI.INT, packed, 0);
        position = MPI.COMM_WORLD.Pack(new double[] {rank / 2.0}, 0, 1, MPI.DOUBLE, packed, position);
        byte[] incoming = new byte[packed.length];
        MPI.COMM_WORLD.Sendrecv(packed, 0, position, MPI.PACKED, right, DATA,
            incoming, 0, incoming.length, MPI.PACKED, left, DATA);
        int[] ints = new int[2];
        double[] doubles = new double[1];
        position = MPI.COMM_WORLD.Unpack(incoming, 0, ints, 0, 2, MPI.INT);
        position = MPI.COMM_WORLD.Unpack(incoming, position, doubles, 0, 1, MPI.DOUBLE);
        check(position == packed.length && ints[0] == left && ints[1] == -left && doubles[0] == left / 2.0,
            "Pack, Unpack and Pack_size");
    }

    private static void datatypes() throws MPIException {
        Datatype contiguous = Datatype.Contiguous(3, MPI.INT);
        Datatype vector = Datatype.Vector(2, 1, 3, MPI.INT);
        Datatype hvector = Datatype.Hvector(2, 1, 3, MPI.INT);
        Datatype indexed = Datatype.Indexed(new int[] {1, 2}, new int[] {0, 3}, MPI.INT);
        Datatype hindexed = Datatype.Hindexed(new int[] {1, 2}, new int[] {0, 3}, MPI.INT);
        Datatype struct = Datatype.Struct(new int[] {1, 1, 1}, new int[] {0, 1, 4},
            new Datatype[] {MPI.LB, MPI.INT, MPI.UB});
        check(contiguous.Size() == 3 && contiguous.Extent() == 3, "Contiguous");
        check(vector.Size() == 2 && vector.Extent() == 4 && hvector.Size() == 2 && hvector.Extent() == 4,
            "Vector and Hvector");
        check(indexed.Size() == 3 && indexed.Extent() == 5 && hindexed.Size() == 3 && hindexed.Extent() == 5,
            "Indexed and Hindexed");
        check(struct.Size() == 1 && struct.Lb() == 0 && struct.Ub() == 4 && struct.Extent() == 4, "Struct");

        vector.Commit();
        int[] out = {10 * rank, -1, -1, 10 * rank + 3};
        int[] in = new int[2];
        MPI.COMM_WORLD.Sendrecv(out, 0, 1, vector, right, DATA, in, 0, 2, MPI.INT, left, DATA);
        check(in[0] == 10 * left && in[1] == 10 * left + 3, "a Vector in communication");

        Datatype pair = Datatype.Contiguous(2, MPI.INT);
        pair.Commit();
        Status odd = MPI.COMM_WORLD.Sendrecv(new int[3], 0, 3, MPI.INT, right, DATA,
            new int[4], 0, 2, pair, left, DATA);
        check(odd.Get_count(pair) == MPI.UNDEFINED && odd.Get_elements(pair) == 3, "Get_count of a partial item");

        contiguous.free();
        hindexed.finalize();
        check(errorClassOf(() -> contiguous.Size()) == MPI.ERR_TYPE
            && errorClassOf(() -> hindexed.Commit()) == MPI.ERR_TYPE, "free and finalize release a Datatype");
    }

    private static void groups() throws MPIException {
        Group world = MPI.COMM_WORLD.Group();
        Group evens = world.Incl(new int[] {0, 2});
        Group odds = world.Excl(new int[] {0, 2});
        Group firstTwo = world.Range_incl(new int[][] {{0, 1, 1}});
        Group lastTwo = world.Range_excl(new int[][] {{0, 1, 1}});
        check(evens.Size() == 2 && evens.Rank() == (rank % 2 == 0 ? rank / 2 : MPI.UNDEFINED), "Incl");
        check(Arrays.equals(Group.Translate_ranks(world, new int[] {0, 1, 2, 3}, evens),
            new int[] {0, MPI.UNDEFINED, 1, MPI.UNDEFINED}), "Translate_ranks");
        check(Group.Compare(Group.Union(evens, odds), world) == MPI.SIMILAR, "Union and Excl");
        check(Group.Intersection(evens, firstTwo).Size() == 1, "Intersection and Range_incl");
        check(Group.Compare(Group.Difference(world, lastTwo), firstTwo) == MPI.IDENT, "Difference and Range_excl");
        check(Group.Compare(world, evens) == MPI.UNEQUAL, "Compare");
        evens.free();
        odds.finalize();
        check(errorClassOf(() -> evens.Size()) == MPI.ERR_GROUP && errorClassOf(() -> odds.Rank()) == MPI.ERR_GROUP,
            "free and finalize release a Group");
    }

    private static void communicators() throws MPIException {
        Intracomm dup = MPI.COMM_WORLD.Dup();
        Intracomm copy = (Intracomm) MPI.COMM_WORLD.clone();
        check(Comm.Compare(MPI.COMM_WORLD, MPI.COMM_WORLD) == MPI.IDENT
            && Comm.Compare(MPI.COMM_WORLD, dup) == MPI.CONGRUENT && Comm.Compare(copy, dup) == MPI.CONGRUENT,
            "Dup and clone");
        Intracomm half = MPI.COMM_WORLD.Split(rank % 2, rank);
        check(half.Size() == 2 && half.Rank() == rank / 2, "Split");
        Group evens = MPI.COMM_WORLD.Group().Incl(new int[] {0, 2});
        Intracomm created = MPI.COMM_WORLD.Create(evens);
        Intracomm creat = MPI.COMM_WORLD.Creat(evens);
        check((created != null) == (rank % 2 == 0) && (creat != null) == (rank % 2 == 0), "Create and Creat");
        check(!MPI.COMM_WORLD.Test_inter() && MPI.COMM_WORLD.Topo_test() == MPI.UNDEFINED, "Test_inter, Topo_test");
        dup.Errhandler_set(MPI.ERRORS_ARE_FATAL);
        check(dup.Errorhandler_get() == MPI.ERRORS_ARE_FATAL, "Errhandler_set");
        dup.Errorhandler_set(MPI.ERRORS_RETURN);
        check(dup.Errorhandler_get() == MPI.ERRORS_RETURN, "Errorhandler_set");
        dup.Free();
        check(dup.Is_null() && !MPI.COMM_WORLD.Is_null(), "Free and Is_null");
    }

    private static void intercommunicators() throws MPIException {
        Intracomm half = MPI.COMM_WORLD.Split(rank % 2, rank);
        Intercomm inter = MPI.COMM_WORLD.Create_intercomm(half, 0, rank % 2 == 0 ? 1 : 0, INTER);
        check(inter.Test_inter() && inter.Size() == 2 && inter.Rank() == rank / 2 && inter.Remote_size() == 2,
            "Create_intercomm");
        int[] remote = Group.Translate_ranks(inter.Remote_group(), new int[] {0, 1}, MPI.COMM_WORLD.Group());
        check(Arrays.equals(remote, rank % 2 == 0 ? new int[] {1, 3} : new int[] {0, 2}), "Remote_group");
        Intercomm copy = inter.Dup();
        int[] in = new int[1];
        copy.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, copy.Rank(), DATA, in, 0, 1, MPI.INT, copy.Rank(), DATA);
        check(in[0] == (rank % 2 == 0 ? rank + 1 : rank - 1), "messages cross an Intercomm");
        Intracomm merged = inter.Merge(rank % 2 == 1);
        check(merged.Size() == SIZE && merged.Rank() == (rank % 2 == 0 ? rank / 2 : 2 + rank / 2), "Merge");
    }

    private static void collectives() throws MPIException {
        Intracomm world = MPI.COMM_WORLD;
        world.Barrier();
        int[] one = {rank == 0 ? 42 : 0};
        world.Bcast(one, 0, 1, MPI.INT, 0);
        check(one[0] == 42, "Bcast");
        broadcastsEveryBasicType();

        int[] gathered = new int[SIZE];
        world.Gather(new int[] {10 * rank}, 0, 1, MPI.INT, gathered, 0, 1, MPI.INT, 1);
        check(rank != 1 || Arrays.equals(gathered, new int[] {0, 10, 20, 30}), "Gather");
        int[] counts = {1, 2, 3, 4};
        int[] displs = {0, 1, 3, 6};
        int[] staircase = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3};
        int[] mine = new int[rank + 1];
        Arrays.fill(mine, rank);
        int[] varied = new int[staircase.length];
        world.Gatherv(mine, 0, rank + 1, MPI.INT, varied, 0, counts, displs, MPI.INT, 0);
        check(rank != 0 || Arrays.equals(varied, staircase), "Gatherv");
        int[] scattered = new int[1];
        world.Scatter(new int[] {0, 10, 20, 30}, 0, 1, MPI.INT, scattered, 0, 1, MPI.INT, 2);
        check(scattered[0] == 10 * rank, "Scatter");
        int[] part = new int[rank + 1];
        world.Scatterv(staircase, 0, counts, displs, MPI.INT, part, 0, rank + 1, MPI.INT, 0);
        check(Arrays.equals(part, mine), "Scatterv");
        int[] everyone = new int[SIZE];
        world.Allgather(new int[] {rank}, 0, 1, MPI.INT, everyone, 0, 1, MPI.INT);
        check(Arrays.equals(everyone, new int[] {0, 1, 2, 3}), "Allgather");
        int[] everywhere = new int[staircase.length];
        world.Allgatherv(mine, 0, rank + 1, MPI.INT, everywhere, 0, counts, displs, MPI.INT);
        check(Arrays.equals(everywhere, staircase), "Allgatherv");
        int[] out = new int[SIZE];
        int[] in = new int[SIZE];
        for (int peer = 0; peer < SIZE; peer++) {
            out[peer] = 10 * rank + peer;
        }
        world.Alltoall(out, 0, 1, MPI.INT, in, 0, 1, MPI.INT);
        check(Arrays.equals(in, new int[] {rank, 10 + rank, 20 + rank, 30 + rank}), "Alltoall");
        int[] ones = {1, 1, 1, 1};
        world.Alltoallv(out, 0, ones, new int[] {0, 1, 2, 3}, MPI.INT, in, 0, ones, new int[] {3, 2, 1, 0}, MPI.INT);
        check(Arrays.equals(in, new int[] {30 + rank, 20 + rank, 10 + rank, rank}), "Alltoallv");
    }

    private static void broadcastsEveryBasicType() throws MPIException {
        Datatype[] types = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE,
            MPI.OBJECT};
        Object[] sent = {new byte[] {7}, new char[] {'j'}, new short[] {-7}, new boolean[] {true}, new int[] {1 << 20},
            new long[] {1L << 40}, new float[] {0.5f}, new double[] {-0.25}, new Object[] {"mpiJava"}};
        Object[] blank = {new byte[1], new char[1], new short[1], new boolean[1], new int[1], new long[1],
            new float[1], new double[1], new Object[1]};
        for (int i = 0; i < types.length; i++) {
            Object buffer = rank == 3 ? sent[i] : blank[i];
            MPI.COMM_WORLD.Bcast(buffer, 0, 1, types[i], 3);
            check(Arrays.deepEquals(new Object[] {buffer}, new Object[] {sent[i]}), "Bcast of " + types[i]);
        }
    }

    private static void reductions() throws MPIException {
        Intracomm world = MPI.COMM_WORLD;
        int[] value = {rank + 1};
        int[] result = new int[1];
        world.Reduce(value, 0, result, 0, 1, MPI.INT, MPI.SUM, 3);
        check(rank != 3 || result[0] == 10, "Reduce");
        Op[] arithmetic = {MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD};
        int[] expected = {4, 1, 10, 24};
        for (int i = 0; i < arithmetic.length; i++) {
            world.Allreduce(value, 0, result, 0, 1, MPI.INT, arithmetic[i]);
            check(result[0] == expected[i] && arithmetic[i].Is_commute(), "Allreduce with " + arithmetic[i]);
        }
        Op[] bitwise = {MPI.BAND, MPI.BOR, MPI.BXOR};
        int[] bits = {8, 11, 0};
        for (int i = 0; i < bitwise.length; i++) {
            world.Allreduce(new int[] {8 | rank}, 0, result, 0, 1, MPI.INT, bitwise[i]);
            check(result[0] == bits[i], "Allreduce with " + bitwise[i]);
        }
        Op[] logical = {MPI.LAND, MPI.LOR, MPI.LXOR};
        boolean[] truth = {false, true, false};
        boolean[] flag = new boolean[1];
        for (int i = 0; i < logical.length; i++) {
            world.Allreduce(new boolean[] {rank % 2 == 0}, 0, flag, 0, 1, MPI.BOOLEAN, logical[i]);
            check(flag[0] == truth[i], "Allreduce with " + logical[i]);
        }
        reducesPairs();

        int[] spread = new int[SIZE];
        for (int slot = 0; slot < SIZE; slot++) {
            spread[slot] = rank * slot;
        }
        world.Reduce_scatter(spread, 0, result, 0, new int[] {1, 1, 1, 1}, MPI.INT, MPI.SUM);
        check(result[0] == 6 * rank, "Reduce_scatter");
        world.Scan(value, 0, result, 0, 1, MPI.INT, MPI.SUM);
        check(result[0] == (rank + 1) * (rank + 2) / 2, "Scan");
        result[0] = -1;
        world.Exscan(value, 0, result, 0, 1, MPI.INT, MPI.SUM);
        check(result[0] == (rank == 0 ? -1 : rank * (rank + 1) / 2), "Exscan");

        Op concatenation = new Op(new Concatenation(), false);
        Object[] text = new Object[1];
        world.Allreduce(new Object[] {String.valueOf(rank)}, 0, text, 0, 1, MPI.OBJECT, concatenation);
        check("0123".equals(text[0]) && !concatenation.Is_commute(), "a non-commutative User_function");
        concatenation.finalize();
        check(errorClassOf(() -> world.Allreduce(new Object[] {""}, 0, text, 0, 1, MPI.OBJECT, concatenation))
            == MPI.ERR_OP, "finalize releases an Op");
    }

    /** MAXLOC and MINLOC over the values 0, 3, 2, 1 of ranks 0..3: the maximum is rank 1's, the minimum rank 0's. */
    private static void reducesPairs() throws MPIException {
        int v = rank * 3 % SIZE;
        short[] shorts = new short[2];
        MPI.COMM_WORLD.Allreduce(new short[] {(short) v, (short) rank}, 0, shorts, 0, 1, MPI.SHORT2, MPI.MAXLOC);
        check(shorts[0] == 3 && shorts[1] == 1, "MAXLOC on SHORT2");
        int[] ints = new int[2];
        MPI.COMM_WORLD.Allreduce(new int[] {v, rank}, 0, ints, 0, 1, MPI.INT2, MPI.MINLOC);
        check(ints[0] == 0 && ints[1] == 0, "MINLOC on INT2");
        long[] longs = new long[2];
        MPI.COMM_WORLD.Allreduce(new long[] {v, rank}, 0, longs, 0, 1, MPI.LONG2, MPI.MAXLOC);
        check(longs[0] == 3 && longs[1] == 1, "MAXLOC on LONG2");
        float[] floats = new float[2];
        MPI.COMM_WORLD.Allreduce(new float[] {v, rank}, 0, floats, 0, 1, MPI.FLOAT2, MPI.MINLOC);
        check(floats[0] == 0 && floats[1] == 0, "MINLOC on FLOAT2");
        double[] doubles = new double[2];
        MPI.COMM_WORLD.Allreduce(new double[] {v, rank}, 0, doubles, 0, 1, MPI.DOUBLE2, MPI.MAXLOC);
        check(doubles[0] == 3 && doubles[1] == 1, "MAXLOC on DOUBLE2");
    }

    /** Joins strings, the lower ranks' first: associative but not commutative. */
    static final class Concatenation extends User_function {
        @Override
        public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype)
            throws MPIException {
            Object[] in = (Object[]) invec;
            Object[] inout = (Object[]) inoutvec;
            for (int i = 0; i < count; i++) {
                inout[inoutoffset + i] = (String) in[inoffset + i] + inout[inoutoffset + i];
            }
        }
    }

    private static void cartesian() throws MPIException {
        int[] dims = {0, 0};
        Cartcomm.Dims_create(SIZE, dims);
        check(Arrays.equals(dims, new int[] {2, 2}), "Dims_create");
        Cartcomm grid = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {true, false}, false);
        CartParms parms = grid.Get();
        int[] coords = {rank / 2, rank % 2};
        check(grid.Topo_test() == MPI.CART && Arrays.equals(parms.dims, dims)
            && Arrays.equals(parms.periods, new boolean[] {true, false}) && Arrays.equals(parms.coords, coords),
            "Create_cart and Get");
        check(grid.Rank(coords) == rank && Arrays.equals(grid.Coords(rank), coords), "Rank and Coords");
        ShiftParms down = grid.Shift(0, 1);
        check(down.rank_source == (rank + 2) % SIZE && down.rank_dest == (rank + 2) % SIZE, "Shift, periodic");
        ShiftParms across = grid.Shift(1, 1);
        check(across.rank_source == (rank % 2 == 0 ? MPI.PROC_NULL : rank - 1)
            && across.rank_dest == (rank % 2 == 0 ? rank + 1 : MPI.PROC_NULL), "Shift at the edges");
        Cartcomm row = grid.Sub(new boolean[] {false, true});
        check(row.Size() == 2 && row.Rank() == rank % 2, "Sub");
        check(grid.Map(new int[] {2}, new boolean[] {false}) == (rank < 2 ? rank : MPI.UNDEFINED), "Cartcomm.Map");
        Cartcomm copy = grid.Dup();
        check(copy.Topo_test() == MPI.CART && Arrays.equals(copy.Get().dims, dims), "Cartcomm.Dup");
    }

    private static void graph() throws MPIException {
        int[] index = {2, 4, 6, 8};
        int[] edges = {1, 3, 0, 2, 1, 3, 2, 0};
        Graphcomm ring = MPI.COMM_WORLD.Create_graph(index, edges, false);
        GraphParms parms = ring.Get();
        check(ring.Topo_test() == MPI.GRAPH && Arrays.equals(parms.index, index) && Arrays.equals(parms.edges, edges),
            "Create_graph and Get");
        int[] neighbours = ring.Neighbours(rank);
        Arrays.sort(neighbours);
        check(Arrays.equals(neighbours, new int[] {Math.min(left, right), Math.max(left, right)}), "Neighbours");
        check(ring.Map(new int[] {1, 2}, new int[] {1, 0}) == (rank < 2 ? rank : MPI.UNDEFINED), "Graphcomm.Map");
        Graphcomm copy = ring.Dup();
        check(copy.Topo_test() == MPI.GRAPH, "Graphcomm.Dup");
    }

    private static void errors() throws MPIException {
        Errhandler handler = MPI.COMM_WORLD.Errorhandler_get();
        check(handler == MPI.ERRORS_RETURN, "ERRORS_RETURN is the default");
        check(errorClassOf(() -> MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, SIZE, DATA)) == MPI.ERR_RANK,
            "a bad rank is ERR_RANK");
        MPI.COMM_SELF.Send(new int[2], 0, 2, MPI.INT, 0, DATA);
        check(errorClassOf(() -> MPI.COMM_SELF.Recv(new int[1], 0, 1, MPI.INT, 0, DATA)) == MPI.ERR_TRUNCATE,
            "a long message is ERR_TRUNCATE");
        Throwable cause = new IllegalStateException("cause");
        check(new MPIException("plain").getErrorClass() == MPI.ERR_OTHER
            && new MPIException(MPI.ERR_ARG, "classed").getErrorClass() == MPI.ERR_ARG
            && new MPIException(MPI.ERR_INTERN, "caused", cause).getCause() == cause, "MPIException");
    }

    /** A call that is expected to fail. */
    interface Call {
        void run() throws MPIException;
    }

    private static int errorClassOf(Call call) {
        try {
            call.run();
        } catch (MPIException e) {
            return e.getErrorClass();
        }
        return MPI.SUCCESS;
    }

    private static boolean distinct(int... values) {
        return Arrays.stream(values).distinct().count() == values.length;
    }

    private static void check(boolean ok, String what) throws MPIException {
        if (!ok) {
            System.err.println("rank " + rank + ": check failed: " + what);
            MPI.COMM_WORLD.Abort(CHECK_FAILED);
        }
    }
}
