package org.mpjcluster.runtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.mpjcluster.runtime.http.ApiToken;

/**
 * Sends a job's standard input to the peer, as much as the job grants ({@link
 * org.mpjcluster.runtime.job.JobUpdate.InputCredit}): it reads the input only while it holds
 * credit, so input that rank 0 never reads is never read (nor a terminal, for a program that does
 * not read it), and at most one chunk of it is held here. It sends in chunks of at most
 * {@link #CHUNK_BYTES}, one after the other on a daemon thread of its own, and an empty chunk at
 * the end of the input. If a chunk cannot be sent, rank 0 would wait for it for ever: the job is
 * cancelled.
 */
final class InputPump {

    /** The largest chunk sent in one request. */
    static final int CHUNK_BYTES = 64 * 1024;

    private static final byte[] END = new byte[0];

    private final ClusterClient client;
    private final ApiToken token;
    private final InputStream input;
    private String jobId;
    private long credit;
    private boolean stopped;
    private Thread sender;
    private volatile String readFailure;
    private volatile String sendFailure;

    /** A pump of {@code input} through {@code client}, with {@code token}; it sends nothing before a grant. */
    InputPump(ClusterClient client, ApiToken token, InputStream input) {
        this.client = client;
        this.token = token;
        this.input = input;
    }

    /** Job {@code job} takes {@code bytes} more of its input; the first grant starts the sending. */
    synchronized void grant(String job, long bytes) {
        if (stopped) {
            return;
        }
        jobId = job;
        credit += bytes;
        if (sender == null) {
            sender = new Thread(this::send, "mpjrun-input");
            sender.setDaemon(true);
            sender.start();
        }
        notifyAll();
    }

    /** The job has ended: nothing more is sent. A read of the input in progress is left to end with this JVM. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /**
     * Why the input could not be passed on, for the report of a job that ended with
     * {@code succeeded}: a chunk that could not be sent matters only to a job that failed (once the
     * job has ended, none can be), while input that could not be read is always worth knowing.
     */
    Optional<String> failure(boolean succeeded) {
        return Optional.ofNullable(readFailure != null ? readFailure : succeeded ? null : sendFailure);
    }

    private void send() {
        byte[] buffer = new byte[CHUNK_BYTES];
        try {
            for (int wanted = awaitCredit(); wanted > 0; wanted = awaitCredit()) {
                int read = readInput(buffer, wanted);
                if (read < 0) {
                    sendChunk(END);
                    return;
                }
                sendChunk(Arrays.copyOf(buffer, read));
                spend(read);
            }
        } catch (ClusterClient.ClusterException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Up to {@code wanted} bytes of the input; -1 at its end, or if it cannot be read, which the report says. */
    private int readInput(byte[] buffer, int wanted) {
        try {
            return input.read(buffer, 0, wanted);
        } catch (IOException e) {
            readFailure = "mpjrun: reading the standard input failed (" + e.getMessage()
                + "), so rank 0 read end-of-file there";
            return -1;
        }
    }

    /** Waits for credit; returns how much of it one chunk may take, or 0 once stopped. */
    private synchronized int awaitCredit() throws InterruptedException {
        while (credit == 0 && !stopped) {
            wait();
        }
        return stopped ? 0 : (int) Math.min(credit, CHUNK_BYTES);
    }

    private synchronized void spend(int bytes) {
        credit -= bytes;
    }

    private void sendChunk(byte[] chunk) throws ClusterClient.ClusterException {
        String job;
        synchronized (this) {
            if (stopped) {
                return;
            }
            job = jobId;
        }
        client.sendInput(job, chunk, token);
    }

    /** The input broke off while rank 0 may wait for more: the job cannot go on, and is cancelled. */
    private void failed(String reason) {
        String job;
        synchronized (this) {
            if (stopped) {
                return;
            }
            job = jobId;
        }
        sendFailure = "mpjrun: the standard input could not be passed on to rank 0, so mpjrun cancelled the job: "
            + reason;
        try {
            client.cancel(job, token);
        } catch (ClusterClient.ClusterException e) {
            // The job ended already, or the peer is gone, and with it the job's stream, which says so.
        }
    }
}
