/** Benchmarks of the runtime that need peers: {@link org.mpjcluster.runtime.bench.LaunchBenchmark}. */
package org.mpjcluster.runtime.bench;
