package org.mpjcluster.runtime.job;

/**
 * A file of a job that travels to the peers: its name as the user gave it (the file name a rank
 * sees in its working directory, or a class path entry) and its content's SHA-256 address.
 */
public record ShippedFile(String name, String sha256) {
}
