package io.github.clusterkit.outlier.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.PairwiseSum;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;

/**
 * The Local Outlier Factor's arithmetic, operation for operation as scikit-learn 1.2.1's
 * {@code sklearn/neighbors/_lof.py} (with numpy's pairwise sums, {@link PairwiseSum}):
 * <pre>
 * reach(i, j) = max(dist(i, j), kdist(j))                            for the k neighbours j of i
 * lrd(i)      = 1 / (sum_j reach(i, j) / k + 1e-10)
 * lof(i)      = sum_j (lrd(j) / lrd(i)) / k
 * </pre>
 * The training rows' neighbours exclude the row's own index (scikit-learn's {@code kneighbors()} without {@code X}:
 * the {@code k + 1} nearest, the row itself removed, or the first of them when more than {@code k} exact copies of
 * smaller index push the row out of its own list). Rows are processed in fixed chunks, each writing only its own
 * rows, so the results do not depend on the thread count. Not API.
 */
public final class LofKernel {

  /** scikit-learn's term added to the mean reachability distance, so that exact copies have a finite density. */
  public static final double EPSILON = 1e-10;

  /** Rows per chunk: fixed, so that the chunks do not depend on the thread count. */
  private static final int CHUNK = 512;

  private LofKernel() {}

  /** The fitted arrays: neighbours and their distances ({@code n * k}, row-major), k-distance, lrd, LOF by row. */
  public static final class Fit {
    /** Neighbours of row {@code i} at {@code [i * k, i * k + k)}, nearest first. */
    public final int[] neighbors;
    /** Their distances, in the same layout. */
    public final double[] distances;
    /** Distance to the k-th neighbour. */
    public final double[] kDistances;
    /** Local reachability density. */
    public final double[] lrd;
    /** Local outlier factor (scikit-learn's {@code -negative_outlier_factor_}). */
    public final double[] scores;

    Fit(int[] neighbors, double[] distances, double[] kDistances, double[] lrd, double[] scores) {
      this.neighbors = neighbors;
      this.distances = distances;
      this.kDistances = kDistances;
      this.lrd = lrd;
      this.scores = scores;
    }
  }

  /**
   * Fits the training rows of an index.
   *
   * @param index the index of the training rows ({@code k < n})
   * @param k neighbours per row, in {@code [1, n - 1]}
   * @param parallelism threads, {@code >= 1}
   * @return the fitted arrays
   */
  public static Fit fit(NeighborIndex index, int k, int parallelism) {
    int n = index.size();
    int[] nb = new int[Math.multiplyExact(n, k)];
    double[] dist = new double[n * k];
    double[] kdist = new double[n];
    double[] lrd = new double[n];
    double[] lof = new double[n];
    int chunks = ChunkRunner.chunks(n, CHUNK);
    if (index instanceof KdTree) {
      // every row's k + 1 nearest at once: the rows of a leaf share one walk of the tree (the same lists)
      ((KdTree) index).knnOfRows(k + 1, parallelism, (i, buf) -> keep(i, buf, k, nb, dist, kdist));
    }
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      double[][] scratch = new double[runner.parallelism()][];
      if (!(index instanceof KdTree)) {
        Neighbors[] bufs = new Neighbors[runner.parallelism()];
        runner.run(chunks, (c, w) -> {
          Neighbors buf = bufs[w];
          if (buf == null) {
            buf = new Neighbors(k + 1);
            bufs[w] = buf;
          }
          int end = (int) Math.min(n, (c + 1L) * CHUNK);
          for (int i = c * CHUNK; i < end; i++) {
            index.knn(i, k + 1, buf);
            keep(i, buf, k, nb, dist, kdist);
          }
        });
      }
      runner.run(chunks, (c, w) -> {
        double[] tmp = scratch(scratch, w, k);
        int end = (int) Math.min(n, (c + 1L) * CHUNK);
        for (int i = c * CHUNK; i < end; i++) {
          int o = i * k;
          for (int t = 0; t < k; t++) {
            tmp[t] = Math.max(dist[o + t], kdist[nb[o + t]]);
          }
          lrd[i] = 1.0 / (PairwiseSum.sum(tmp, k) / k + EPSILON);
        }
      });
      runner.run(chunks, (c, w) -> {
        double[] tmp = scratch(scratch, w, k);
        int end = (int) Math.min(n, (c + 1L) * CHUNK);
        for (int i = c * CHUNK; i < end; i++) {
          int o = i * k;
          double own = lrd[i];
          for (int t = 0; t < k; t++) {
            tmp[t] = lrd[nb[o + t]] / own;
          }
          lof[i] = PairwiseSum.sum(tmp, k) / k;
        }
      });
    }
    return new Fit(nb, dist, kdist, lrd, lof);
  }

  /**
   * Keeps row {@code i}'s {@code k} neighbours of its {@code k + 1} nearest: scikit-learn drops the row itself, or
   * the first neighbour when the row is not listed.
   */
  private static void keep(int i, Neighbors buf, int k, int[] nb, double[] dist, double[] kdist) {
    int skip = 0;
    for (int t = 0; t <= k; t++) {
      if (buf.index(t) == i) {
        skip = t;
        break;
      }
    }
    int o = i * k;
    for (int t = 0; t <= k; t++) {
      if (t != skip) {
        nb[o] = buf.index(t);
        dist[o] = buf.distance(t);
        o++;
      }
    }
    kdist[i] = dist[i * k + k - 1];
  }

  private static double[] scratch(double[][] scratch, int w, int k) {
    double[] s = scratch[w];
    if (s == null) {
      s = new double[k];
      scratch[w] = s;
    }
    return s;
  }

  /**
   * The LOF of new points relative to the training rows (scikit-learn's {@code -score_samples(X)} with
   * {@code novelty=True}): their {@code k} nearest training rows, nothing excluded.
   *
   * @param index the training rows' index
   * @param k neighbours
   * @param kdist the training rows' k-distances
   * @param lrd the training rows' densities
   * @param x the points, row-major, checked by the caller
   * @param m the number of points
   * @param parallelism threads, {@code >= 1}
   * @return the LOF of every point
   */
  public static double[] score(NeighborIndex index, int k, double[] kdist, double[] lrd, double[] x, int m,
      int parallelism) {
    int d = index.data().dimension();
    double[] out = new double[m];
    int chunks = ChunkRunner.chunks(m, CHUNK);
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      runner.run(chunks, (int c) -> {
        Neighbors buf = new Neighbors(k);
        double[] q = new double[d];
        double[] tmp = new double[k];
        int end = (int) Math.min(m, (c + 1L) * CHUNK);
        for (int i = c * CHUNK; i < end; i++) {
          System.arraycopy(x, i * d, q, 0, d);
          out[i] = score(index, k, kdist, lrd, q, buf, tmp);
        }
      });
    }
    return out;
  }

  /**
   * The LOF of one new point.
   *
   * @param index the training rows' index
   * @param k neighbours
   * @param kdist the training rows' k-distances
   * @param lrd the training rows' densities
   * @param q the point, checked by the caller
   * @param buf a buffer
   * @param tmp scratch of at least {@code k} values
   * @return its LOF
   */
  public static double score(NeighborIndex index, int k, double[] kdist, double[] lrd, double[] q, Neighbors buf,
      double[] tmp) {
    index.knn(q, k, buf);
    for (int t = 0; t < k; t++) {
      tmp[t] = Math.max(buf.distance(t), kdist[buf.index(t)]);
    }
    double own = 1.0 / (PairwiseSum.sum(tmp, k) / k + EPSILON);
    for (int t = 0; t < k; t++) {
      tmp[t] = lrd[buf.index(t)] / own;
    }
    return PairwiseSum.sum(tmp, k) / k;
  }

  /**
   * The score above which a share {@code contamination} of the rows lies, as scikit-learn sets {@code offset_} for
   * both of its detectors: {@code -np.percentile(-scores, 100 * contamination)} with numpy 1.24's linear
   * interpolation, its operations in its order ({@code (100 c) / 100}, {@code (n - 1) q}, and its {@code _lerp}
   * that interpolates from the upper value when the fraction is at least 0.5). Shared by the Local Outlier Factor and
   * the isolation forest.
   *
   * @param scores the training rows' scores, higher for more unusual rows (not modified)
   * @param contamination the fraction, in {@code (0, 0.5]}
   * @return the threshold
   */
  public static double contaminationThreshold(double[] scores, double contamination) {
    int n = scores.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = -scores[i];
    }
    Arrays.sort(a);
    double q = (100.0 * contamination) / 100.0;
    double v = (n - 1) * q;
    int prev;
    int next;
    if (v >= n - 1) {
      prev = n - 1;
      next = n - 1;
    } else {
      prev = (int) Math.floor(v);
      next = prev + 1;
    }
    double lo = a[prev];
    double hi = a[next];
    double t = v - prev;
    double diff = hi - lo;
    double offset = t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t;
    return -offset;
  }

}
