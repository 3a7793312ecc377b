package org.mpjcluster.runtime.node;

/** Marks the messages peers exchange: they travel as Jackson CBOR (see mpj-node.conf). */
public interface CborSerializable {
}
