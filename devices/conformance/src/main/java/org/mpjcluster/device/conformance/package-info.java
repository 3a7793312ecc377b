/**
 * The device conformance kit: one set of JUnit 5 tests every device must pass. A device module
 * extends {@link org.mpjcluster.device.conformance.DeviceConformanceKit} in its tests and supplies
 * its provider.
 */
package org.mpjcluster.device.conformance;
