/**
 * Running the ranks of a job in worker JVMs of their own on this host, supervised by
 * {@code mpjrun} over an authenticated loopback control connection:
 * {@link org.mpjcluster.runtime.process.ProcessJob} on the launcher's side,
 * {@link org.mpjcluster.runtime.process.WorkerMain} in each worker.
 */
package org.mpjcluster.runtime.process;
