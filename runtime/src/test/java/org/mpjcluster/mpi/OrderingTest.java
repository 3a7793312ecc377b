package org.mpjcluster.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mpi.MPI;
import mpi.Request;
import mpi.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Non-overtaking order: messages from one sender with one tag are received in the order they were
 * sent, even when eager (small) and rendezvous (large) messages alternate and many are in flight.
 */
class OrderingTest {

    private static final int MESSAGES_PER_PEER = 24;
    private static final int TAGS = 2;
    private static final int HEADER = 2;

    /** The order in which a receiver asks for the messages. */
    enum ReceiveOrder {
        /** Every receive uses ANY_SOURCE and ANY_TAG. */
        WILDCARDS {
            @Override
            void receiveAll(int size, Inbox inbox) {
                for (int n = 0; n < size * MESSAGES_PER_PEER; n++) {
                    inbox.receive(MPI.ANY_SOURCE, MPI.ANY_TAG);
                }
            }
        },
        /** For each sender, all messages of the last tag first: tags are matched out of arrival order. */
        EACH_SOURCE_LAST_TAG_FIRST {
            @Override
            void receiveAll(int size, Inbox inbox) {
                for (int source = 0; source < size; source++) {
                    for (int tag = TAGS - 1; tag >= 0; tag--) {
                        for (int n = 0; n < MESSAGES_PER_PEER / TAGS; n++) {
                            inbox.receive(source, tag);
                        }
                    }
                }
            }
        };

        abstract void receiveAll(int size, Inbox inbox);
    }

    static Stream<Arguments> ordersAndSizes() {
        return Cases.cross(ReceiveOrder.values(), Cases.rankCounts());
    }

    @ParameterizedTest(name = "{0}, {1} ranks")
    @MethodSource("ordersAndSizes")
    void deliversEachSendersMessagesPerTagInSendOrderAcrossEagerAndRendezvousSizes(ReceiveOrder order, int size)
        throws Exception {
        List<List<String>> logs = Jobs.onRanks(size, () -> {
            List<Request> sends = new ArrayList<>();
            for (int sequence = 0; sequence < MESSAGES_PER_PEER; sequence++) {
                for (int dest = 0; dest < size; dest++) {
                    int[] message = message(Peers.rank(), sequence);
                    sends.add(MPI.COMM_WORLD.Isend(message, 0, message.length, MPI.INT, dest, tagOf(sequence)));
                }
            }
            Inbox inbox = new Inbox(size);
            order.receiveAll(size, inbox);
            Request.Waitall(sends.toArray(new Request[0]));
            return inbox.log();
        });

        assertEquals(Jobs.expected(size, rank -> expectedLog(size)), logs);
    }

    /** Message {@code sequence} of {@code sender}: alternately small and large, self-identifying. */
    private static int[] message(int sender, int sequence) {
        int length = sequence % 3 == 1 ? MessageSize.RENDEZVOUS.ints() + sequence : HEADER + sequence;
        int[] message = MessageSize.pattern(sender, length);
        message[0] = sender;
        message[1] = sequence;
        return message;
    }

    private static int tagOf(int sequence) {
        return sequence % TAGS;
    }

    /** Per (source, tag), the sequence numbers a receiver must see, in order. */
    private static List<String> expectedLog(int size) {
        List<String> log = new ArrayList<>();
        for (int source = 0; source < size; source++) {
            for (int tag = 0; tag < TAGS; tag++) {
                List<Integer> sequences = new ArrayList<>();
                for (int sequence = 0; sequence < MESSAGES_PER_PEER; sequence++) {
                    if (tagOf(sequence) == tag) {
                        sequences.add(sequence);
                    }
                }
                log.add("from " + source + " tag " + tag + ": " + sequences);
            }
        }
        return log;
    }

    /**
     * Receives messages and records, per (source, tag), the sequence numbers in arrival order;
     * a message whose status, length or contents are wrong is recorded as {@code -1}.
     */
    static final class Inbox {
        private final int[] buffer = new int[MessageSize.RENDEZVOUS.ints() + MESSAGES_PER_PEER];
        private final List<List<List<Integer>>> seen = new ArrayList<>();

        Inbox(int size) {
            for (int source = 0; source < size; source++) {
                List<List<Integer>> byTag = new ArrayList<>();
                for (int tag = 0; tag < TAGS; tag++) {
                    byTag.add(new ArrayList<>());
                }
                seen.add(byTag);
            }
        }

        void receive(int source, int tag) {
            Status status = MPI.COMM_WORLD.Recv(buffer, 0, buffer.length, MPI.INT, source, tag);
            int sequence = buffer[1];
            int[] sent = message(status.source, sequence);
            int count = status.Get_count(MPI.INT);
            boolean intact = buffer[0] == status.source && tagOf(sequence) == status.tag
                && Arrays.equals(sent, Arrays.copyOf(buffer, count));
            seen.get(status.source).get(status.tag).add(intact ? sequence : -1);
        }

        List<String> log() {
            List<String> log = new ArrayList<>();
            for (int source = 0; source < seen.size(); source++) {
                for (int tag = 0; tag < TAGS; tag++) {
                    log.add("from " + source + " tag " + tag + ": " + seen.get(source).get(tag));
                }
            }
            return log;
        }
    }
}
