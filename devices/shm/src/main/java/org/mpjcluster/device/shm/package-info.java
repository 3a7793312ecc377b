/**
 * The {@code shm} device: ranks that are threads of one JVM. Frames are handed over by reference on
 * the sender's thread, so the engine can copy straight from the sender's array into the posted
 * receive buffer.
 */
package org.mpjcluster.device.shm;
