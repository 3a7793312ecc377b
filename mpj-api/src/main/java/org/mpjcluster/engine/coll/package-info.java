/**
 * Collective operations: the algorithms (binomial trees, dissemination, Bruck, rings, recursive
 * doubling and halving, Rabenseifner, scatter-allgather broadcast), the reduction kernels (one
 * loop per primitive kind, the operation chosen once per call), and the choice of algorithm per
 * call from data and communicator size. Every collective runs on its communicator's collective
 * context, so it never matches point-to-point messages.
 */
package org.mpjcluster.engine.coll;
