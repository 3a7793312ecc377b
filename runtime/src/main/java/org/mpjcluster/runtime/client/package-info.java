/**
 * Submitting to a cluster of peers over a peer's HTTP API, without Pekko: {@link
 * org.mpjcluster.runtime.client.ClusterJob} runs a job (as {@code mpjrun --cluster} does, or from
 * a JVM application), {@link org.mpjcluster.runtime.client.ClusterClient} makes the single calls.
 */
package org.mpjcluster.runtime.client;
