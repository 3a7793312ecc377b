package org.mpjcluster.engine.coll;

import java.util.ArrayList;
import java.util.List;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.data.MessageBuffer;

/**
 * The channel of a call made while {@link CollectiveCounts} are taken: counts the messages and
 * bytes the calling rank sends, and keeps a Lamport clock of rounds. Each message departs with
 * the round it arrives in, one more than the sender's round; a completed receive raises the
 * receiver's round to the message's. A rank's round is thus the length of the longest chain of
 * messages, each sent after the one before it arrived, that ends at it in this call: the call's
 * critical path in messages, whatever the scheduling of the ranks or the cores they share.
 */
final class CountingChannel extends Channel {

    private final CollectiveCounts counts;
    /** The sources of the receives posted since the last wait, in the order they were posted. */
    private final List<Integer> sources = new ArrayList<>();
    private int round;
    private int messages;
    private long bytes;

    CountingChannel(String call, Communicator communicator, int tag, CollectiveCounts counts) {
        super(call, communicator, tag);
        this.counts = counts;
    }

    @Override
    void send(MessageBuffer buffer, int destination) {
        departs(destination, Sizes.bytes(buffer.layout(), buffer.count()));
        super.send(buffer, destination);
    }

    @Override
    void send(Payload payload, int elements, int destination) {
        departs(destination, payload.byteSize());
        super.send(payload, elements, destination);
    }

    @Override
    void receive(MessageBuffer buffer, int source) {
        sources.add(source);
        super.receive(buffer, source);
    }

    /**
     * Waits, then takes the rounds of the messages received. Messages between two ranks with one
     * tag arrive in the order they were sent and receives from one source match them in the
     * order they were posted, so the rounds are taken in that order too.
     */
    @Override
    void awaitAll() {
        super.awaitAll();
        for (int source : sources) {
            round = Math.max(round, counts.arrival(link(source, rank)));
        }
        sources.clear();
    }

    @Override
    void finish() {
        counts.add(call(), rank, new CollectiveCounts.Tally(messages, bytes, round));
        super.finish();
    }

    private void departs(int destination, long size) {
        messages++;
        bytes += size;
        counts.departure(link(rank, destination), round + 1);
    }

    private CollectiveCounts.Link link(int from, int to) {
        return new CollectiveCounts.Link(context(), tag(), from, to);
    }
}
