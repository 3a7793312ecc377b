package org.mpjcluster.runtime.blob;

/** A blob could not be fetched from another peer; the message says which, from where and why. */
public final class BlobFetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with nothing underneath, such as the peer reporting the blob missing. */
    public BlobFetchException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}, such as a broken stream or a mismatching hash. */
    public BlobFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
