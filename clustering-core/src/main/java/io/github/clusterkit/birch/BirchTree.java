package io.github.clusterkit.birch;

import io.github.clusterkit.birch.internal.CfTree;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import java.util.List;

/**
 * A BIRCH clustering-feature tree that takes rows as they arrive (a service, a nightly job), from
 * {@link Birch#tree(int)} or {@link Birch#tree(List)}: {@link #add(double[])} and {@link #add(Dataset)} insert rows in
 * order, {@link #model()} gives a snapshot of the subclusters with the global step run on them, and more rows can
 * follow. This is scikit-learn's sequence of {@code Birch.partial_fit(batch)} calls: the same rows in the same order
 * give the same tree whatever the batches, and the same subclusters as {@link Birch#fit(Dataset)} on all of them.
 *
 * <pre>{@code
 * BirchTree t = Birch.threshold(0.5).clusters(5).tree(List.of("income", "score"));
 * for (Dataset batch : batches) {
 *   t.add(batch);
 * }
 * BirchModel m = t.model();   // no training labels: m.predict(rows) labels any rows
 * }</pre>
 *
 * <p>A row or batch is checked before any of it is inserted: a refused batch leaves the tree unchanged. Memory grows
 * with the number of subclusters (see {@link Birch}), not of rows; no row is kept.
 *
 * <p><b>Not thread-safe.</b> A tree is mutable; use it from one thread at a time (or synchronise). The models it
 * returns are immutable and independent of it.
 */
public final class BirchTree {

  private final Birch config;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final CfTree tree;

  BirchTree(Birch config, List<String> columnNames) {
    this.config = config;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.tree = new CfTree(columnNames.size(), config.threshold(), config.branchingFactor());
  }

  /**
   * Inserts one row.
   *
   * @param row {@link #dimension()} finite values of magnitude below {@code 2^481} (not modified)
   * @return this tree
   * @throws IllegalArgumentException if the row is null, of another length or has a value outside that range
   */
  public BirchTree add(double[] row) {
    int d = dimension();
    if (row == null) {
      throw new IllegalArgumentException("row must not be null");
    }
    if (row.length != d) {
      throw new IllegalArgumentException("row must have dimension " + d + " (the tree's), got " + row.length);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException("row must be finite, got " + row[j] + " at index " + j);
      }
    }
    Birch.checkValues(row, 1, d, "row");
    tree.insert(row, 0);
    return this;
  }

  /**
   * Inserts the rows of a batch in order.
   *
   * @param batch rows of {@link #dimension()} columns (not modified); its column names, if given, must be the tree's
   *     when the tree has given names
   * @return this tree
   * @throws IllegalArgumentException if {@code batch} is null, of another dimension, has other column names, or a
   *     value of magnitude {@code 2^481} or more (nothing is inserted then)
   */
  public BirchTree add(Dataset batch) {
    if (batch == null) {
      throw new IllegalArgumentException("batch must not be null");
    }
    int d = dimension();
    if (batch.dimension() != d) {
      throw new IllegalArgumentException("batch must have dimension " + d + " (the tree's"
          + (unnamed ? "" : ": " + FittedColumns.describe(columnNames)) + "), got " + batch.dimension());
    }
    FittedColumns.check(columnNames, unnamed, batch, "batch's columns must match the tree's", "tree");
    double[] x = DataAccess.values(batch);
    Birch.checkValues(x, batch.size(), d, "batch");
    tree.insertAll(x, batch.size());
    return this;
  }

  /**
   * A snapshot: the current subclusters, the global step run on them, no training labels. The tree can take more
   * rows afterwards; the snapshot does not change.
   *
   * @return a new immutable model
   * @throws IllegalStateException if no row has been added
   * @throws IllegalArgumentException if the global step needs a matrix too large (see
   *     {@link Birch#wardByCentroids(boolean)})
   */
  public BirchModel model() {
    if (tree.rows() == 0) {
      throw new IllegalStateException("no rows added yet: a model needs at least one row");
    }
    return config.model(tree, columnNames);
  }

  /** @return the number of rows added so far */
  public long rows() {
    return tree.rows();
  }

  /** @return the number of leaf subclusters so far */
  public int subclusterCount() {
    return tree.leafSubclusters().length;
  }

  /** @return the number of columns */
  public int dimension() {
    return columnNames.size();
  }

  /** @return the column names (the placeholders {@code x0, x1, ...} for a tree without names), unmodifiable */
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return the configuration of this tree */
  public Birch config() {
    return config;
  }

  @Override
  public String toString() {
    return "BirchTree[d=" + dimension() + ", rows=" + rows() + ", subclusters=" + subclusterCount() + ", " + config
        + "]";
  }
}
