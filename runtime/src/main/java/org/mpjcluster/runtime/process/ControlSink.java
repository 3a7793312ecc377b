package org.mpjcluster.runtime.process;

/** Where a supervisor's messages to one worker go: its control connection, or a peer that relays them. */
@FunctionalInterface
interface ControlSink {

    /** Sends {@code message} if the worker can still be reached; a worker that is gone needs no more messages. */
    void sendIfOpen(ControlMessage message);
}
