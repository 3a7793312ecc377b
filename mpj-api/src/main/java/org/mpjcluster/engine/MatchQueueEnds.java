package org.mpjcluster.engine;

import org.mpjcluster.device.CacheLinePadding;

/** The fields of {@link MatchQueues}: its lock and the ends of its two lists, padded before. */
abstract class MatchQueueEnds extends CacheLinePadding {

    /** 1 while a thread holds the lock; accessed through a VarHandle. */
    volatile int locked;

    ReceiveOperation postedHead;
    ReceiveOperation postedTail;
    Incoming unexpectedHead;
    Incoming unexpectedTail;
}
