/**
 * The data model: {@link io.github.clusterkit.data.Dataset}, an immutable flat row-major table of finite
 * doubles, the input of every algorithm; {@link io.github.clusterkit.data.Table}, an immutable table of named
 * numeric or categorical columns ({@link io.github.clusterkit.data.ColumnType}) with missing cells, as customer
 * data arrive before preprocessing ({@code io.github.clusterkit.preprocess} turns it into a {@code Dataset});
 * and {@link io.github.clusterkit.data.Generators}, seeded synthetic data for tests, benchmarks and
 * demonstrations, returned as a {@link io.github.clusterkit.data.LabeledDataset} with the true labels.
 */
package io.github.clusterkit.data;
