/**
 * The mpiJava 1.2 API: {@link mpi.MPI}, communicators, requests, statuses and datatypes, with the
 * exact signatures programs written for mpiJava, MPJ Express and P2P-MPI use. These classes check
 * arguments and delegate to the engine.
 */
package mpi;
