package org.mpjcluster.runtime.process;

import static org.mpjcluster.runtime.process.ControlDescriptor.readString;
import static org.mpjcluster.runtime.process.ControlDescriptor.writeString;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpjcluster.device.SharedDirectory;

/** A message of the control connection; {@link ControlDescriptor} draws the layout of each. */
sealed interface ControlMessage {

    /** The type byte of the frame. */
    byte type();

    /** Writes the body (everything after the type byte). */
    void writeBody(DataOutput out) throws IOException;

    /** Reads the body of a frame of type {@code type}. */
    static ControlMessage readBody(byte type, DataInput in) throws IOException {
        return switch (type) {
            case ControlDescriptor.HELLO -> new Hello(readString(in), in.readInt());
            case ControlDescriptor.JOB -> new Job(readString(in), in.readInt(), in.readInt(), in.readInt(),
                readString(in), readString(in), readStrings(in), in.readBoolean(), readString(in), in.readLong());
            case ControlDescriptor.PUBLISHED -> new Published(readAddresses(in));
            case ControlDescriptor.TABLE -> new Table(readAddresses(in));
            case ControlDescriptor.FAILURE -> new Failure(in.readInt(), in.readInt(), readString(in));
            case ControlDescriptor.OUTCOME -> new Outcome(in.readInt(), in.readInt(), readString(in));
            case ControlDescriptor.INPUT_WANTED -> new InputWanted();
            default -> throw new IOException("unknown control message type " + type);
        };
    }

    /** A worker's first message: it proves it belongs to the job and says which worker it is. */
    record Hello(String secret, int worker) implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.HELLO;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            writeString(out, secret);
            out.writeInt(worker);
        }

        /** Hides the secret from logs and exception messages. */
        @Override
        public String toString() {
            return "Hello[worker=" + worker + "]";
        }
    }

    /**
     * What a worker runs: its ranks of the job, the program, and how to behave. {@code host}
     * names where the worker runs in output tags ({@code [rank@host]}), empty for no name.
     */
    record Job(String jobId, int worldSize, int firstRank, int rankCount, String classpath, String mainClass,
               List<String> args, boolean tagOutput, String host, long abortGraceMillis) implements ControlMessage {

        /** The same job with the program's class path as {@code local}, where the worker's host keeps its files. */
        Job withClasspath(String local) {
            return new Job(jobId, worldSize, firstRank, rankCount, local, mainClass, args, tagOutput, host,
                abortGraceMillis);
        }

        @Override
        public byte type() {
            return ControlDescriptor.JOB;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            writeString(out, jobId);
            out.writeInt(worldSize);
            out.writeInt(firstRank);
            out.writeInt(rankCount);
            writeString(out, classpath);
            writeString(out, mainClass);
            out.writeInt(args.size());
            for (String arg : args) {
                writeString(out, arg);
            }
            out.writeBoolean(tagOutput);
            writeString(out, host);
            out.writeLong(abortGraceMillis);
        }
    }

    /** Where {@code device} of {@code endpoint} listens. */
    record Address(String device, int endpoint, String address) {

        /** Every address in {@code directory}. */
        static List<Address> allIn(SharedDirectory directory) {
            List<Address> addresses = new ArrayList<>();
            for (Map.Entry<String, Map<Integer, String>> device : directory.snapshot().entrySet()) {
                device.getValue().forEach((endpoint, address) ->
                    addresses.add(new Address(device.getKey(), endpoint, address)));
            }
            return addresses;
        }
    }

    /** The addresses a worker's devices published when they opened. */
    record Published(List<Address> addresses) implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.PUBLISHED;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            writeAddresses(out, addresses);
        }
    }

    /** Every endpoint's addresses, sent to every worker once all have published; its ranks then start. */
    record Table(List<Address> addresses) implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.TABLE;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            writeAddresses(out, addresses);
        }
    }

    /**
     * A rank failed or aborted (worker to mpjrun), or the job failed elsewhere and the worker's
     * ranks must end (mpjrun to worker).
     */
    record Failure(int rank, int exitCode, String message) implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.FAILURE;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            out.writeInt(rank);
            out.writeInt(exitCode);
            writeString(out, message);
        }
    }

    /** How one rank of the worker ended; {@code failure} is its exception's stack trace, or empty. */
    record Outcome(int rank, int ending, String failure) implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.OUTCOME;
        }

        @Override
        public void writeBody(DataOutput out) throws IOException {
            out.writeInt(rank);
            out.writeInt(ending);
            writeString(out, failure);
        }
    }

    /**
     * Rank 0 began reading standard input (worker to mpjrun, or to the peer that hosts it): a peer
     * feeding a worker the job's input starts then, so that {@code mpjrun} reads its own input only
     * for a program that reads.
     */
    record InputWanted() implements ControlMessage {
        @Override
        public byte type() {
            return ControlDescriptor.INPUT_WANTED;
        }

        @Override
        public void writeBody(DataOutput out) {
            // The type says it all.
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int count = readCount(in);
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    private static void writeAddresses(DataOutput out, List<Address> addresses) throws IOException {
        out.writeInt(addresses.size());
        for (Address address : addresses) {
            writeString(out, address.device());
            out.writeInt(address.endpoint());
            writeString(out, address.address());
        }
    }

    private static List<Address> readAddresses(DataInput in) throws IOException {
        int count = readCount(in);
        List<Address> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(new Address(readString(in), in.readInt(), readString(in)));
        }
        return addresses;
    }

    private static int readCount(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > ControlDescriptor.MAX_FRAME_BYTES) {
            throw new IOException("count of " + count + " items in a control frame");
        }
        return count;
    }
}
