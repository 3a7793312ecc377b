package org.mpjcluster.engine;

import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * The few messages communicator construction needs: gathering and broadcasting small {@code int}
 * arrays, and an exchange between two leaders. Simple O(p) loops through one root; they run on a
 * communicator's collective context ({@link Communicator#collective()}) with tags no collective
 * operation uses (just below {@link Contexts#AGREEMENT_TAG}), so they never match user traffic or
 * the collective operations' own messages.
 */
final class Coordination {

    /** Tag of gathers to a root. */
    static final int GATHER_TAG = Contexts.AGREEMENT_TAG - 1;
    /** Tag of broadcasts from a root. */
    static final int BROADCAST_TAG = Contexts.AGREEMENT_TAG - 2;
    /** Tag of the exchange between the leaders of an intercommunicator's two groups. */
    static final int LEADER_TAG = Contexts.AGREEMENT_TAG - 3;

    private static final TypeLayout ONE_INT = TypeLayout.basic(PrimitiveKind.INT);

    private Coordination() {
    }

    /**
     * Gathers every member's {@code record} (all of the same length) at {@code root}: the root
     * gets them concatenated in rank order, the others {@code null}.
     */
    static int[] gather(Communicator channel, int root, int[] record) {
        if (channel.rank() != root) {
            send(channel, root, GATHER_TAG, record);
            return null;
        }
        int[] all = new int[record.length * channel.size()];
        for (int member = 0; member < channel.size(); member++) {
            int[] part = member == root ? record : receive(channel, member, GATHER_TAG);
            System.arraycopy(part, 0, all, member * record.length, record.length);
        }
        return all;
    }

    /** Sends {@code data} from {@code root} to every member; every member returns the root's data. */
    static int[] broadcast(Communicator channel, int root, int[] data) {
        if (channel.rank() != root) {
            return receive(channel, root, BROADCAST_TAG);
        }
        for (int member = 0; member < channel.size(); member++) {
            if (member != root) {
                send(channel, member, BROADCAST_TAG, data);
            }
        }
        return data;
    }

    /** Every member's {@code record} (all of the same length), concatenated in rank order, on every member. */
    static int[] allGather(Communicator channel, int[] record) {
        return broadcast(channel, 0, gather(channel, 0, record));
    }

    /**
     * Sends {@code data} to rank {@code peer} of {@code channel} and returns what {@code peer}
     * sends back with the same {@code tag}; safe when both sides call it at once.
     */
    static int[] exchange(Communicator channel, int peer, int tag, int[] data) {
        SendOperation send = channel.send(buffer(data), peer, tag, false);
        int[] received = receive(channel, peer, tag);
        channel.engine().await(send);
        Communicator.rethrow(send);
        return received;
    }

    private static void send(Communicator channel, int destination, int tag, int[] data) {
        SendOperation send = channel.send(buffer(data), destination, tag, false);
        channel.engine().await(send);
        Communicator.rethrow(send);
    }

    /** Receives an array of whatever length the sender sent. */
    private static int[] receive(Communicator channel, int source, int tag) {
        int[] data = new int[channel.awaitProbe(source, tag).elements()];
        ReceiveOperation receive = channel.receive(buffer(data), source, tag);
        channel.engine().await(receive);
        Communicator.rethrow(receive);
        return data;
    }

    private static MessageBuffer buffer(int[] data) {
        return new MessageBuffer(data, 0, data.length, ONE_INT);
    }
}
