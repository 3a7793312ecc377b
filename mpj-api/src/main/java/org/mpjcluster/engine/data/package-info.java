/**
 * Message data: primitive kinds with one packing kernel each, type layouts flattened once, and the
 * payloads the engine hands to devices.
 */
package org.mpjcluster.engine.data;
