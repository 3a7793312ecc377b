package org.mpjcluster.device;

import java.nio.ByteBuffer;

/** The fields of {@link PayloadView}, padded before: the receiving thread writes them on every frame. */
abstract class PayloadViewFields extends CacheLinePadding {

    /** The buffer holding the body; only its contents are read, never its position or limit. */
    ByteBuffer buffer;
    int start;
    int length;
}
