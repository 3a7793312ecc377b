package org.mpjcluster.runtime.job;

import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * One replica of a rank: where it runs and how far it got, as its rank group is told. A
 * replica is a state machine of immutable behaviours: placed, started, then ended or lost.
 */
final class RankReplica {

    /** What a replica handles. */
    sealed interface Command permits Started, Ended, Lost, Describe {
    }

    /** Its worker JVM runs, as process {@code pid}. */
    record Started(long pid) implements Command {
    }

    /** The rank ended with {@code ending}. */
    record Ended(RankOutcome.Ending ending) implements Command {
    }

    /** Its peer is gone. */
    record Lost() implements Command {
    }

    /** Asks for its {@link RankState}. */
    record Describe(ActorRef<RankState> replyTo) implements Command {
    }

    private RankReplica() {
    }

    /** Replica {@code replica} of {@code rank}, placed on {@code peer}. */
    static Behavior<Command> create(int rank, int replica, String peer) {
        return in(new RankState(rank, replica, peer, "placed", -1));
    }

    private static Behavior<Command> in(RankState state) {
        return Behaviors.receiveMessage(command -> {
            if (command instanceof Started started) {
                return in(new RankState(state.rank(), state.replica(), state.peer(), "started", started.pid()));
            }
            if (command instanceof Ended ended) {
                return in(with(state, ended.ending().name().toLowerCase(Locale.ROOT)));
            }
            if (command instanceof Lost) {
                return in(with(state, "lost"));
            }
            ((Describe) command).replyTo().tell(state);
            return Behaviors.same();
        });
    }

    private static RankState with(RankState state, String next) {
        return new RankState(state.rank(), state.replica(), state.peer(), next, state.pid());
    }
}
