/**
 * Benchmarks that run as MPJ programs and, in the same run, the raw baseline they are compared
 * against; they print medians and ratios, because absolute times on shared machines drift.
 */
package org.mpjcluster.bench;
