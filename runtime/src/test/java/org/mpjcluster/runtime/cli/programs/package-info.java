/**
 * MPJ programs that the {@code mpjrun} tests run. They are compiled with the tests but copied out
 * of {@code target/test-classes} before a run, so that only each rank's own class loader sees them.
 */
package org.mpjcluster.runtime.cli.programs;
