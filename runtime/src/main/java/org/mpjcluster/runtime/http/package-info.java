/**
 * The peer's HTTP API: {@link org.mpjcluster.runtime.http.PeerHttpApi}, the pekko-http server of
 * {@code mpj-node}, and {@link org.mpjcluster.runtime.http.ApiToken}, the bearer token that guards
 * it. The token and settings classes use no Pekko, so that {@code mpjrun} can read the token too.
 */
package org.mpjcluster.runtime.http;
