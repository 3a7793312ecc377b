/** The {@code mpjrun} command line. */
package org.mpjcluster.runtime.cli;
