/**
 * JMH benchmarks of clusterkit against Smile, ELKI, Apache Commons Math and Tribuo, measured in the same run
 * on the same arrays. See {@code docs/benchmarks.md} for the commands and results.
 */
package io.github.clusterkit.bench;
