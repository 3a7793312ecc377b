package org.mpjcluster.bench;

import java.util.concurrent.Semaphore;

/**
 * The limit for the shm device: two threads of one JVM bounce a {@code byte[]}, each hop one
 * {@code System.arraycopy} into the other thread's array and a volatile flag the other spins on.
 * The partner thread lives as long as the baseline is open and blocks between timed blocks, so
 * that blocks can alternate with the MPI measurement without taking a core from it. Only rank 0
 * runs it; rank 1's side does nothing.
 */
final class ThreadHandoffBaseline implements PingPongBaseline {

    /** Rank 1's side: the exchange runs between two threads of rank 0. */
    private static final PingPongBaseline IDLE = new PingPongBaseline() {
        @Override
        public void measure(int count, int repetitions, Samples samples) {
        }

        @Override
        public void close() {
        }
    };

    private static final int OFFSET = PaddedMessage.MARGIN;
    private static final int PING = 1;
    private static final int PONG = 0;

    private final int bytes;
    private final byte[] ping;
    private final byte[] pong;
    private final Thread partner;
    private final Semaphore blocks = new Semaphore(0);
    private volatile int hops;
    private volatile int turn = PONG;

    static PingPongBaseline open(int rank, int bytes) {
        return rank == 0 ? new ThreadHandoffBaseline(bytes) : IDLE;
    }

    private ThreadHandoffBaseline(int bytes) {
        this.bytes = bytes;
        this.ping = PaddedMessage.of(bytes).array();
        this.pong = PaddedMessage.of(bytes).array();
        this.partner = new Thread(this::answer, "baseline-partner");
        partner.setDaemon(true);
        partner.start();
    }

    private void answer() {
        while (true) {
            blocks.acquireUninterruptibly();
            int count = hops;
            if (count < 0) {
                return;
            }
            for (int i = 0; i < count; i++) {
                while (turn == PONG) {
                    Thread.onSpinWait();
                }
                System.arraycopy(pong, OFFSET, ping, OFFSET, bytes);
                turn = PONG;
            }
        }
    }

    @Override
    public void measure(int count, int repetitions, Samples samples) {
        hops = count * repetitions;
        blocks.release();
        for (int s = 0; s < count; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                System.arraycopy(ping, OFFSET, pong, OFFSET, bytes);
                turn = PING;
                while (turn != PONG) {
                    Thread.onSpinWait();
                }
            }
            if (samples != null) {
                samples.add((System.nanoTime() - start) / 1e3 / repetitions / 2);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        hops = -1;
        blocks.release();
        partner.join();
    }
}
