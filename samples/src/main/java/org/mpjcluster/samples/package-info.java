/** Runnable MPJ programs: {@code Hello}, {@code Ring}, {@code Pi}, {@code PingPong}. */
package org.mpjcluster.samples;
