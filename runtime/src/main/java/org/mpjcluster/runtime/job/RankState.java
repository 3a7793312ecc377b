package org.mpjcluster.runtime.job;

import org.mpjcluster.runtime.node.CborSerializable;

/**
 * One replica of a rank as {@code GET /api/jobs} lists it: where it runs and how far it got.
 *
 * @param rank    the rank
 * @param replica which replica of the rank (0 while ranks are not replicated)
 * @param peer    the peer that runs it, {@code host:port}
 * @param state   {@code placed}, {@code started} (its worker JVM runs), {@code lost} (with its peer),
 *                or how it ended: {@code succeeded}, {@code failed}, {@code aborted}, {@code stopped},
 *                {@code hung} or {@code died}
 * @param pid     the process id of its worker JVM, or -1 before it started
 */
public record RankState(int rank, int replica, String peer, String state, long pid) implements CborSerializable {
}
