/** Shared plumbing. Not API: may change in any release. */
package io.github.clusterkit.internal;
