/**
 * The peer daemon, {@code mpj-node}: a member of the Pekko cluster that publishes its facts,
 * grants slots to jobs and runs their ranks.
 */
package org.mpjcluster.runtime.node;
