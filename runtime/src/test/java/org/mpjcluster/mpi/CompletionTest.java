package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of completing requests (Wait, Test, Waitany, Waitsome, Waitall, Testany, Testsome,
 * Testall) completes each request exactly once, reports its position in the array as
 * {@code Status.index}, skips null requests, and leaves every completed request null.
 */
class CompletionTest {

    private static final int DATA = 1;
    private static final int READY = 2;
    /** Position of the null request each array starts with; receive from rank p sits at p + 1. */
    private static final int NULL_SLOT = 0;

    /** One way to drive an array of requests to completion, recording (index, status) pairs. */
    enum Completion {
        WAIT(false) {
            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                for (int i = 0; i < requests.length; i++) {
                    if (!requests[i].Is_null()) {
                        recorder.record(i, requests[i].Wait());
                    }
                }
            }
        },
        TEST(true) {
            @Override
            boolean nothingCompleted(Request[] requests) {
                return IntStream.range(NULL_SLOT + 1, requests.length).allMatch(i -> requests[i].Test() == null);
            }

            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                while (recorder.pending(requests)) {
                    for (int i = 0; i < requests.length; i++) {
                        Status status = requests[i].Is_null() ? null : requests[i].Test();
                        if (status != null) {
                            recorder.record(i, status);
                        }
                    }
                }
            }
        },
        WAITANY(false) {
            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                while (recorder.pending(requests)) {
                    Status status = Request.Waitany(requests);
                    recorder.record(status.index, status);
                }
            }
        },
        WAITSOME(false) {
            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                while (recorder.pending(requests)) {
                    for (Status status : Request.Waitsome(requests)) {
                        recorder.record(status.index, status);
                    }
                }
            }
        },
        WAITALL(false) {
            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                recorder.recordAll(Request.Waitall(requests));
            }
        },
        TESTANY(true) {
            @Override
            boolean nothingCompleted(Request[] requests) {
                return Request.Testany(requests) == null;
            }

            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                while (recorder.pending(requests)) {
                    Status status = Request.Testany(requests);
                    if (status != null) {
                        recorder.record(status.index, status);
                    }
                }
            }
        },
        TESTSOME(true) {
            @Override
            boolean nothingCompleted(Request[] requests) {
                return Request.Testsome(requests).length == 0;
            }

            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                while (recorder.pending(requests)) {
                    for (Status status : Request.Testsome(requests)) {
                        recorder.record(status.index, status);
                    }
                }
            }
        },
        TESTALL(true) {
            @Override
            boolean nothingCompleted(Request[] requests) {
                return Request.Testall(requests) == null;
            }

            @Override
            void completeAll(Request[] requests, Recorder recorder) {
                Status[] all = Request.Testall(requests);
                while (all == null) {
                    all = Request.Testall(requests);
                }
                recorder.recordAll(all);
            }
        };

        private final boolean nonBlocking;

        Completion(boolean nonBlocking) {
            this.nonBlocking = nonBlocking;
        }

        /** For the Test family: whether the call reports nothing done while no message was sent. */
        boolean nothingCompleted(Request[] requests) {
            throw new UnsupportedOperationException(name() + " blocks");
        }

        abstract void completeAll(Request[] requests, Recorder recorder);
    }

    static Stream<Arguments> completionsAndRankCounts() {
        return Cases.cross(Completion.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("completionsAndRankCounts")
    void completesEachReceiveOnceWithItsIndexAndLeavesAllRequestsNull(Completion completion, int size)
        throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int[][] incoming = new int[size][];
            Request[] requests = new Request[size + 1];
            requests[NULL_SLOT] = MPI.COMM_WORLD.Irecv(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, DATA);
            requests[NULL_SLOT].Wait();
            for (int source = 0; source < size; source++) {
                incoming[source] = new int[lengthSentBy(source)];
                requests[source + 1] = MPI.COMM_WORLD.Irecv(incoming[source], 0, incoming[source].length, MPI.INT,
                    source, DATA);
            }
            boolean nothingBeforeSending = !completion.nonBlocking || completion.nothingCompleted(requests);
            Peers.barrier(READY);
            Request[] sends = new Request[size];
            for (int dest = 0; dest < size; dest++) {
                int[] message = MessageSize.pattern(rank, lengthSentBy(rank));
                message[0] = valueFor(rank, dest);
                sends[dest] = MPI.COMM_WORLD.Isend(message, 0, message.length, MPI.INT, dest, DATA);
            }
            Recorder recorder = new Recorder(incoming);
            completion.completeAll(requests, recorder);
            Request.Waitall(sends);
            boolean allNull = Arrays.stream(requests).allMatch(Request::Is_null);
            return List.of(nothingBeforeSending, recorder.log(), allNull);
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(true, IntStream.range(0, size)
            .mapToObj(source -> Recorder.entry(source + 1, source, DATA, lengthSentBy(source), valueFor(source, rank)))
            .toList(), true)), seen);
    }

    @Test
    void completionCallsOnOnlyNullRequestsReturnAtOnceWithUndefinedIndex() throws Exception {
        List<List<Object>> seen = Jobs.onRanks(1, () -> {
            Request finished = MPI.COMM_WORLD.Irecv(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, DATA);
            finished.Wait();
            int[] message = {42};
            Request freed = MPI.COMM_WORLD.Isend(message, 0, 1, MPI.INT, 0, DATA);
            freed.Free();
            Request[] nulls = {finished, freed, MPI.REQUEST_NULL};
            int[] delivered = new int[1];
            MPI.COMM_WORLD.Recv(delivered, 0, 1, MPI.INT, 0, DATA);
            return List.of(finished.Is_null(), freed.Is_null(), finished.Wait() != null, finished.Test() != null,
                Request.Waitany(nulls).index, Request.Testany(nulls).index, Request.Waitall(nulls).length,
                Request.Testall(nulls).length, String.valueOf(Request.Waitsome(nulls)),
                String.valueOf(Request.Testsome(nulls)), delivered[0]);
        });

        assertEquals(List.of(List.of(true, true, true, true, MPI.UNDEFINED, MPI.UNDEFINED, 3, 3, "null", "null", 42)),
            seen);
    }

    @Test
    void requestNullIsInactiveAndCompletesAtOnceWithAnEmptyStatus() throws Exception {
        List<List<String>> seen = Jobs.onRanks(2, () -> {
            MPI.REQUEST_NULL.Cancel();
            MPI.REQUEST_NULL.Free();
            return List.of(String.valueOf(MPI.REQUEST_NULL.Is_null()), describe(MPI.REQUEST_NULL.Wait()),
                describe(MPI.REQUEST_NULL.Test()), describe(Request.Waitall(new Request[] {MPI.REQUEST_NULL})[0]));
        });

        String empty = Recorder.entry(0, MPI.ANY_SOURCE, MPI.ANY_TAG, 0, 0);
        assertEquals(Jobs.expected(2, rank -> List.of("true", empty, empty, empty)), seen);
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("org.mpjcluster.mpi.Cases#rankCounts")
    void waitanyLoopRetiresEachFinishedSlotWithRequestNull(int size) throws Exception {
        List<List<Object>> seen = Jobs.onRanks(size, () -> {
            int rank = Peers.rank();
            int[][] incoming = new int[size][1];
            Request[] requests = new Request[size];
            for (int source = 0; source < size; source++) {
                requests[source] = MPI.COMM_WORLD.Irecv(incoming[source], 0, 1, MPI.INT, source, DATA);
            }
            for (int dest = 0; dest < size; dest++) {
                MPI.COMM_WORLD.Send(new int[] {valueFor(rank, dest)}, 0, 1, MPI.INT, dest, DATA);
            }
            Recorder recorder = new Recorder(incoming);
            for (int done = 0; done < size; done++) {
                Status status = Request.Waitany(requests);
                recorder.record(status.index + 1, status);
                requests[status.index] = MPI.REQUEST_NULL;
            }
            return List.of(recorder.log(), Request.Waitany(requests).index, Request.Testany(requests).index,
                String.valueOf(Request.Waitsome(requests)), String.valueOf(Request.Testsome(requests)),
                Request.Waitall(requests).length, Request.Testall(requests).length);
        });

        assertEquals(Jobs.expected(size, rank -> List.<Object>of(IntStream.range(0, size)
            .mapToObj(source -> Recorder.entry(source + 1, source, DATA, 1, valueFor(source, rank))).toList(),
            MPI.UNDEFINED, MPI.UNDEFINED, "null", "null", size, size)), seen);
    }

    private static String describe(Status status) {
        return Recorder.entry(0, status.source, status.tag, status.Get_count(MPI.INT), 0);
    }

    /** Odd ranks send rendezvous-sized messages, even ranks eager ones, so completions interleave. */
    private static int lengthSentBy(int rank) {
        return rank % 2 == 0 ? 1 : MessageSize.RENDEZVOUS.ints();
    }

    private static int valueFor(int sender, int receiver) {
        return 100 * sender + receiver;
    }

    /** Collects what each completion reported, by index; a bad or repeated index is logged first. */
    static final class Recorder {
        private final int[][] incoming;
        private final List<String> anomalies = new ArrayList<>();
        private final Map<Integer, String> byIndex = new TreeMap<>();

        Recorder(int[][] incoming) {
            this.incoming = incoming;
        }

        void record(int index, Status status) {
            if (index <= NULL_SLOT || index > incoming.length || byIndex.containsKey(index)) {
                anomalies.add("unexpected index " + index);
                return;
            }
            byIndex.put(index, entry(index, status.source, status.tag, status.Get_count(MPI.INT),
                incoming[index - 1][0]));
        }

        /** Records the statuses of Waitall or Testall, which cover every slot including the null one. */
        void recordAll(Status[] statuses) {
            for (int i = NULL_SLOT + 1; i < statuses.length; i++) {
                record(statuses[i].index, statuses[i]);
            }
        }

        boolean pending(Request[] requests) {
            return Arrays.stream(requests).anyMatch(request -> !request.Is_null());
        }

        List<String> log() {
            List<String> log = new ArrayList<>(anomalies);
            log.addAll(byIndex.values());
            return log;
        }

        static String entry(int index, int source, int tag, int count, int value) {
            return "index " + index + ": source " + source + " tag " + tag + " count " + count + " value " + value;
        }
    }
}
