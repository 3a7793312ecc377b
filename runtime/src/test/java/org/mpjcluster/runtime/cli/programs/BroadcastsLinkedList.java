package org.mpjcluster.runtime.cli.programs;

import java.io.Serializable;
import mpi.MPI;

/**
 * Rank 0 broadcasts a linked list of {@code args[0]} nodes as one {@code MPI.OBJECT}; serializing
 * it recurses once per node. Every rank walks the list and prints
 * {@code rank R received N nodes, M out of place}.
 */
public final class BroadcastsLinkedList {

    private BroadcastsLinkedList() {
    }

    /** One node of the list. */
    public static final class Node implements Serializable {

        private static final long serialVersionUID = 1L;

        private final int value;
        private final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    /** Runs the program. */
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        Object[] buffer = new Object[1];
        if (rank == 0) {
            Node head = null;
            for (int value = Integer.parseInt(args[0]) - 1; value >= 0; value--) {
                head = new Node(value, head);
            }
            buffer[0] = head;
        }
        MPI.COMM_WORLD.Bcast(buffer, 0, 1, MPI.OBJECT, 0);
        int count = 0;
        int outOfPlace = 0;
        for (Node node = (Node) buffer[0]; node != null; node = node.next) {
            outOfPlace += node.value == count ? 0 : 1;
            count++;
        }
        System.out.println("rank " + rank + " received " + count + " nodes, " + outOfPlace + " out of place");
        MPI.Finalize();
    }
}
