/**
 * Process topologies: the Cartesian grids and graphs that {@code Create_cart} and
 * {@code Create_graph} attach to communicators, with the arithmetic of ranks, coordinates,
 * shifts, sub-grids and neighbours, and MPI's balanced choice of grid dimensions.
 */
package org.mpjcluster.engine.topology;
