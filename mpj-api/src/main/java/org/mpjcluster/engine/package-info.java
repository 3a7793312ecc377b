/**
 * The engine: MPI semantics implemented once for every device. Communicators and contexts,
 * posted-receive and unexpected-message queues with MPI's non-overtaking order, the eager and
 * rendezvous protocols, operations (requests) and the progress and wait loops.
 */
package org.mpjcluster.engine;
