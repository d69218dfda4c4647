/**
 * The data model: {@link io.github.clusterkit.data.Dataset}, an immutable flat row-major table of finite
 * doubles, and {@link io.github.clusterkit.data.Generators}, seeded synthetic data for tests, benchmarks
 * and demonstrations.
 */
package io.github.clusterkit.data;
