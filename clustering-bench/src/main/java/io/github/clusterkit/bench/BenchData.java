package io.github.clusterkit.bench;

import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;
import java.util.Collections;

/**
 * The data every benchmark shares, and its conversions into each peer's input format. Conversions happen in
 * {@code @Setup}, never inside a measured method.
 */
final class BenchData {

  /** Seed of the generated data, the same for every benchmark and peer. */
  static final long DATA_SEED = 20240601L;

  /** Seed of the sampled query rows. */
  static final long SAMPLE_SEED = 7L;

  private BenchData() {}

  /**
   * The peers' published benchmark data (see PEERS.md): 10 Gaussian blobs with centres uniform in
   * {@code [-10, 10]^d}, standard deviation 1, plus 5% uniform noise.
   */
  static Dataset blobs(int n, int d) {
    return Generators.blobs(n, d, 10, 1.0, 0.05, DATA_SEED).data();
  }

  /**
   * Standard Gaussian rows (every coordinate an independent standard normal draw, {@link #DATA_SEED}): no cluster
   * structure, the hard case for the triangle-inequality bounds of Hamerly and Elkan.
   */
  static Dataset gaussian(int n, int d) {
    Rng rng = new Rng(DATA_SEED);
    double[][] rows = new double[n][d];
    for (double[] row : rows) {
      for (int t = 0; t < d; t++) {
        row[t] = rng.nextGaussian();
      }
    }
    return Dataset.of(rows);
  }

  /** {@code count} distinct row indices drawn with a fixed seed (all rows when {@code count >= n}). */
  static int[] sampleRows(int n, int count, long seed) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    Rng rng = new Rng(seed);
    int m = Math.min(count, n);
    for (int i = 0; i < m; i++) { // partial Fisher-Yates
      int j = i + rng.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return Arrays.copyOf(perm, m);
  }

  /**
   * The radius whose neighbourhoods hold about {@code k} points: the median distance to the k-th nearest
   * neighbour (the point itself counted) over 1000 sampled rows.
   */
  static double radiusForNeighbours(Dataset data, int k) {
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN);
    int[] rows = sampleRows(data.size(), 1000, SAMPLE_SEED + 1);
    double[] kth = new double[rows.length];
    Neighbors buf = new Neighbors(k);
    for (int i = 0; i < rows.length; i++) {
      int got = tree.knn(rows[i], k, buf);
      kth[i] = buf.distance(got - 1);
    }
    Arrays.sort(kth);
    return kth[kth.length / 2];
  }

  /** Fresh copies of the given rows, so that no peer can recognise a query as one of its own keys. */
  static double[][] copyRows(Dataset data, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = data.row(rows[i]);
    }
    return out;
  }

  /** The data as {@code double[][]} (Smile, ELKI, Commons Math input). */
  static double[][] rows(Dataset data) {
    return data.toRows();
  }

  /** An ELKI relation over the rows, in a static database without any index. */
  static Relation<NumberVector> elkiRelation(double[][] rows) {
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), Collections.emptyList());
    db.initialize();
    return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
  }
}
