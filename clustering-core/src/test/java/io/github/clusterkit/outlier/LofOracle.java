package io.github.clusterkit.outlier;

import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.internal.LofKernel;
import io.github.clusterkit.internal.PairwiseSum;
import java.util.Arrays;

/**
 * The Local Outlier Factor straight from its definition (Breunig et al. 2000, with scikit-learn's {@code 1e-10}), by
 * brute force: every distance computed, the k nearest other rows chosen by sorting on (distance, row index), the
 * smaller index first on ties (the library's documented rule). Distances are {@code fromReduced(reducedDistance)}, the
 * expression of the neighbour search for unscaled data; means are numpy's pairwise sums divided by {@code k}, as the
 * library (their order is checked against scikit-learn by LofReferenceTest), so results are comparable bit for bit.
 */
final class LofOracle {

  final int n;
  final int k;
  final int[] nb;
  final double[] kdist;
  final double[] lrd;
  final double[] scores;
  private final double[] x;
  private final int d;
  private final Metric metric;

  LofOracle(double[] x, int n, int d, int k, Metric metric) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.metric = metric;
    nb = new int[n * k];
    double[] dist = new double[n * k];
    kdist = new double[n];
    for (int i = 0; i < n; i++) {
      int[] order = nearest(x, i * d, i);
      for (int t = 0; t < k; t++) {
        nb[i * k + t] = order[t];
        dist[i * k + t] = dist(x, i * d, order[t]);
      }
      kdist[i] = dist[i * k + k - 1];
    }
    lrd = new double[n];
    double[] tmp = new double[k];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        tmp[t] = Math.max(dist[i * k + t], kdist[nb[i * k + t]]);
      }
      lrd[i] = 1.0 / (PairwiseSum.sum(tmp, k) / k + LofKernel.EPSILON);
    }
    scores = new double[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        tmp[t] = lrd[nb[i * k + t]] / lrd[i];
      }
      scores[i] = PairwiseSum.sum(tmp, k) / k;
    }
  }

  private double dist(double[] q, int qo, int row) {
    return metric.fromReduced(metric.reducedDistance(q, qo, x, row * d, d));
  }

  /** The rows other than {@code exclude} (-1: none) by (distance to q, index). */
  private int[] nearest(double[] q, int qo, int exclude) {
    Integer[] rows = new Integer[exclude < 0 ? n : n - 1];
    for (int j = 0, c = 0; j < n; j++) {
      if (j != exclude) {
        rows[c++] = j;
      }
    }
    double[] all = new double[n];
    for (int j = 0; j < n; j++) {
      all[j] = dist(q, qo, j);
    }
    Arrays.sort(rows, (a, b) -> all[a] != all[b] ? Double.compare(all[a], all[b]) : Integer.compare(a, b));
    int[] out = new int[rows.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = rows[t];
    }
    return out;
  }

  /** The LOF of a new point: its k nearest rows, nothing excluded. */
  double score(double[] q) {
    int[] order = nearest(q, 0, -1);
    double[] tmp = new double[k];
    for (int t = 0; t < k; t++) {
      tmp[t] = Math.max(dist(q, 0, order[t]), kdist[order[t]]);
    }
    double own = 1.0 / (PairwiseSum.sum(tmp, k) / k + LofKernel.EPSILON);
    for (int t = 0; t < k; t++) {
      tmp[t] = lrd[order[t]] / own;
    }
    return PairwiseSum.sum(tmp, k) / k;
  }
}
