/**
 * Content-addressed shipping of job files (the user's jar and data files) between peers: each
 * file is named by its SHA-256 ({@link org.mpjcluster.runtime.blob.BlobId}), kept in a bounded
 * on-disk cache on every peer ({@link org.mpjcluster.runtime.blob.BlobCache}), served by a
 * {@link org.mpjcluster.runtime.blob.BlobServer} and pulled with a
 * {@link org.mpjcluster.runtime.blob.BlobFetcher}. No shared file system is assumed.
 */
package org.mpjcluster.runtime.blob;
