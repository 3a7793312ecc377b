/**
 * The {@code tcp} device: frames between JVMs (or between ranks of one JVM, for testing) over
 * Java NIO sockets, one authenticated connection per pair of endpoints that talk. Settings are in
 * {@code mpj.device.tcp} of {@code reference.conf}.
 */
package org.mpjcluster.device.tcp;
