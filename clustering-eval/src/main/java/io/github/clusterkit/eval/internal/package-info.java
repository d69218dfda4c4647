/** Implementation details of {@code io.github.clusterkit.eval}. Not API: may change in any release. */
package io.github.clusterkit.eval.internal;
