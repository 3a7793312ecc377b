/** Reading the {@code mpj} configuration into settings objects. */
package org.mpjcluster.runtime.config;
