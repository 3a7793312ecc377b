/**
 * The device SPI: how the engine hands frames (an envelope plus payload bytes) to a transport and
 * how a transport hands incoming frames back. Devices know nothing of {@code mpi} datatypes,
 * communicators or matching; they move frames between the endpoints of one job.
 *
 * <p>Devices are discovered with {@link java.util.ServiceLoader} through {@link DeviceProvider}
 * and ranked by {@link DeviceProvider#priority()}; {@link DeviceTable} picks, for every peer, the
 * best device that reaches it.
 */
package org.mpjcluster.device;
