package org.mpjcluster.runtime.local;

/** What a rank thread runs, given its rank. */
@FunctionalInterface
interface RankBody<T> {
    T run(int rank) throws Throwable;
}
