package org.mpjcluster.bench;

/**
 * The limit for the shm device: two threads of one JVM bounce a {@code byte[]}, each hop one
 * {@code System.arraycopy} into the other thread's array and a volatile flag the other spins on.
 */
final class ThreadHandoffBaseline {

    private volatile int turn;

    /** Median one-way time in microseconds for messages of {@code bytes}. */
    double oneWayMicros(int bytes, Plan plan) throws InterruptedException {
        byte[] ping = new byte[bytes];
        byte[] pong = new byte[bytes];
        int total = (plan.warmupSamples() + plan.samples()) * plan.repetitions();
        turn = 0;
        Thread partner = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                while (turn != 1) {
                    Thread.onSpinWait();
                }
                System.arraycopy(pong, 0, ping, 0, bytes);
                turn = 0;
            }
        }, "baseline-partner");
        partner.setDaemon(true);
        partner.start();
        Samples samples = new Samples(plan.samples());
        for (int s = 0; s < plan.warmupSamples() + plan.samples(); s++) {
            long start = System.nanoTime();
            for (int i = 0; i < plan.repetitions(); i++) {
                System.arraycopy(ping, 0, pong, 0, bytes);
                turn = 1;
                while (turn != 0) {
                    Thread.onSpinWait();
                }
            }
            long elapsed = System.nanoTime() - start;
            if (s >= plan.warmupSamples()) {
                samples.add(elapsed / 1e3 / plan.repetitions() / 2);
            }
        }
        partner.join();
        return samples.median();
    }
}
