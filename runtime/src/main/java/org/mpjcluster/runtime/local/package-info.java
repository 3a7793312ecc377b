/**
 * Running ranks as threads of this JVM: the launcher behind {@code mpjrun} and the embedding API
 * ({@link org.mpjcluster.runtime.local.LocalJob}) for applications that start ranks in-process.
 */
package org.mpjcluster.runtime.local;
