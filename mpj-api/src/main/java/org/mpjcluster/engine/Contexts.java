package org.mpjcluster.engine;

import org.mpjcluster.engine.data.MessageBuffer;
import org.mpjcluster.engine.data.PrimitiveKind;
import org.mpjcluster.engine.data.TypeLayout;

/**
 * Agreement on context ids for new communicators: the members of the parent communicator take the
 * largest of their lowest free ids, so the new id is free on every member. Collective over the
 * parent; it runs on the parent's collective context with a tag no collective operation uses.
 */
public final class Contexts {

    /** Tag of the agreement messages on the collective context. */
    static final int AGREEMENT_TAG = Integer.MAX_VALUE;
    private static final TypeLayout ONE_INT = TypeLayout.basic(PrimitiveKind.INT);

    private Contexts() {
    }

    /**
     * Agrees with every member of the intracommunicator {@code parent} on a context id free on all
     * of them, and marks it (and the next) taken in {@code process}. Every member must call it.
     */
    public static int allocate(MpiProcess process, Communicator parent) {
        int agreed = maxOverMembers(parent.collective(), process.nextFreeContext());
        process.contextTaken(agreed);
        return agreed;
    }

    /** The largest of the members' {@code value}s, known to every member (gather to rank 0, then broadcast). */
    static int maxOverMembers(Communicator channel, int value) {
        int[] cell = {value};
        MessageBuffer buffer = new MessageBuffer(cell, 0, 1, ONE_INT);
        Engine engine = channel.engine();
        if (channel.rank() == 0) {
            int max = value;
            for (int member = 1; member < channel.size(); member++) {
                ReceiveOperation receive = channel.receive(buffer, member, AGREEMENT_TAG);
                engine.await(receive);
                Communicator.rethrow(receive);
                max = Math.max(max, cell[0]);
            }
            cell[0] = max;
            for (int member = 1; member < channel.size(); member++) {
                SendOperation send = channel.send(buffer, member, AGREEMENT_TAG, false);
                engine.await(send);
                Communicator.rethrow(send);
            }
            return max;
        }
        SendOperation send = channel.send(buffer, 0, AGREEMENT_TAG, false);
        engine.await(send);
        Communicator.rethrow(send);
        ReceiveOperation receive = channel.receive(buffer, 0, AGREEMENT_TAG);
        engine.await(receive);
        Communicator.rethrow(receive);
        return cell[0];
    }
}
