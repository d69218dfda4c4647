package io.github.clusterkit.eval;

import java.util.TreeMap;

/**
 * First-order bounds on the rounding error of the mean-based indices, for tests that compare two evaluations
 * whose only difference is the order of the rows (which changes every summation's rounding).
 *
 * <p>The bounds follow the standard analysis of recursive summation (Higham, <i>Accuracy and Stability of
 * Numerical Algorithms</i>, 2nd ed., section 4.2, doi:10.1137/1.9780898718027): a sum of {@code m} terms in
 * any order is within {@code (m - 1) u sum|x|} of the exact one, {@code u = 2^-53}. Here {@code eps = 2^-52}
 * (twice {@code u}) and one or two spare terms are added to every count, so the bounds are generous by a
 * factor of two or more; they stay near {@code 1e-13} relative on well-separated data, so a comparison
 * against them still fails on any real order dependence.
 *
 * <p>What makes an index ill-conditioned is a difference of nearly equal means: two clusters whose means
 * almost coincide (Davies-Bouldin divides by their distance), or every cluster mean near the overall mean
 * (Calinski-Harabasz's between-cluster sum). The bound grows with that condition number, and is
 * {@code NaN} when the distance is not clearly larger than its own error: then the two evaluations may
 * legitimately differ by any amount and the caller compares nothing.
 */
final class RoundingBounds {

  private static final double EPS = 0x1p-52;

  private final int d;
  private final int k;
  private final int n;
  private final int[] group;
  private final int[] size;
  private final double[] mean;
  /** Bound on the Euclidean error of each computed mean. */
  private final double[] meanError;
  private final double[] distance;
  private final double[] maxAbs;
  /** Whether all rows of a cluster are equal: its mean is then the same in any summation order. */
  private final boolean[] constant;

  /** The partition after the noise policy; rows left out have group -1. */
  RoundingBounds(double[][] x, int[] labels, NoisePolicy policy) {
    int[] l = BruteForce.applyPolicy(labels, policy);
    TreeMap<Integer, Integer> ids = new TreeMap<>();
    for (int v : l) {
      if (v != Integer.MIN_VALUE) {
        ids.putIfAbsent(v, 0);
      }
    }
    int next = 0;
    for (var e : ids.entrySet()) {
      e.setValue(next++);
    }
    k = next;
    d = x[0].length;
    group = new int[x.length];
    size = new int[k];
    mean = new double[k * d];
    maxAbs = new double[k];
    constant = new boolean[k];
    java.util.Arrays.fill(constant, true);
    double[][] first = new double[k][];
    int kept = 0;
    for (int i = 0; i < x.length; i++) {
      group[i] = l[i] == Integer.MIN_VALUE ? -1 : ids.get(l[i]);
      int g = group[i];
      if (g >= 0) {
        if (first[g] == null) {
          first[g] = x[i];
        }
        constant[g] &= java.util.Arrays.equals(first[g], x[i]);
        kept++;
        size[g]++;
        for (int t = 0; t < d; t++) {
          mean[g * d + t] += x[i][t];
          maxAbs[g] = Math.max(maxAbs[g], Math.abs(x[i][t]));
        }
      }
    }
    n = kept;
    meanError = new double[k];
    for (int g = 0; g < k; g++) {
      for (int t = 0; t < d; t++) {
        mean[g * d + t] /= size[g];
      }
      // each coordinate: a sum of size[g] terms of magnitude <= maxAbs, then one division
      meanError[g] = Math.sqrt(d) * (size[g] + 2) * EPS * maxAbs[g];
    }
    distance = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int g = group[i];
      if (g >= 0) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double diff = x[i][t] - mean[g * d + t];
          s += diff * diff;
        }
        distance[i] = Math.sqrt(s);
      }
    }
  }

  /** Bound on the error of one cluster's sum of squared distances to its computed mean. */
  private double[] squaredSumErrors(double[] sums) {
    double[] err = new double[k];
    for (int i = 0; i < group.length; i++) {
      int g = group[i];
      if (g >= 0) {
        double r = distance[i];
        double e = meanError[g];
        sums[g] += r * r;
        err[g] += 2 * r * e + e * e + (d + 2) * EPS * r * r;
      }
    }
    for (int g = 0; g < k; g++) {
      err[g] += (size[g] + 1) * EPS * sums[g];
    }
    return err;
  }

  /** Bound on the absolute error of one evaluation of the inertia (within-cluster sum of squares). */
  double inertia() {
    return within()[1];
  }

  /** The within-cluster sum of squares and the bound on its error. */
  private double[] within() {
    double[] sums = new double[k];
    double[] err = squaredSumErrors(sums);
    double w = 0;
    double e = 0;
    for (int g = 0; g < k; g++) {
      w += sums[g];
      e += err[g];
    }
    return new double[] {w, e + (k + 1) * EPS * w};
  }

  /**
   * Bound on the absolute error of one evaluation of Davies-Bouldin, or NaN when ill-conditioned. Two
   * clusters of one and the same repeated point make the index +Infinity in any order; the bound is then
   * finite and the caller's comparison checks that both values are infinite.
   */
  double daviesBouldin(boolean rootMeanSquare) {
    double[] s = new double[k];
    double[] ds = new double[k];
    if (rootMeanSquare) {
      double[] q = new double[k];
      double[] dq = squaredSumErrors(q);
      for (int g = 0; g < k; g++) {
        s[g] = Math.sqrt(q[g] / size[g]);
        double dm = dq[g] / size[g];
        // sqrt(a + e) - sqrt(a) <= min(sqrt(e), e / (2 sqrt(a)))
        ds[g] = Math.min(Math.sqrt(dm), s[g] > 0 ? dm / (2 * s[g]) : Double.POSITIVE_INFINITY)
            + 2 * EPS * s[g];
      }
    } else {
      for (int i = 0; i < group.length; i++) {
        if (group[i] >= 0) {
          s[group[i]] += distance[i];
        }
      }
      for (int g = 0; g < k; g++) {
        s[g] /= size[g];
        // each distance moves by at most the mean's error, plus its own and the summation's rounding
        ds[g] = meanError[g] + (size[g] + d + 4) * EPS * s[g];
      }
    }
    double[] worst = new double[k];
    double[] worstError = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double m = 0;
        for (int t = 0; t < d; t++) {
          double diff = mean[i * d + t] - mean[j * d + t];
          m += diff * diff;
        }
        m = Math.sqrt(m);
        if (m == 0 && constant[i] && constant[j]) {
          // the same point in any order: both evaluations give +Infinity, exactly
          worst[i] = worst[j] = Double.POSITIVE_INFINITY;
          continue;
        }
        double dm = meanError[i] + meanError[j] + (d + 3) * EPS * m;
        if (!(dm < m / 2)) {
          return Double.NaN;
        }
        double r = (s[i] + s[j]) / m;
        double dr = (ds[i] + ds[j] + r * dm) / (m - dm) + 2 * EPS * r;
        worst[i] = Math.max(worst[i], r);
        worst[j] = Math.max(worst[j], r);
        worstError[i] = Math.max(worstError[i], dr);
        worstError[j] = Math.max(worstError[j], dr);
      }
    }
    double sum = 0;
    double err = 0;
    for (int g = 0; g < k; g++) {
      if (worst[g] < Double.POSITIVE_INFINITY) {
        sum += worst[g];
        err += worstError[g];
      }
    }
    // an infinite term makes the index +Infinity in both evaluations; the bound then only says so
    return err / k + (k + 1) * EPS * sum / k;
  }

  /** Bound on the absolute error of one evaluation of Calinski-Harabasz, or NaN when ill-conditioned. */
  double calinskiHarabasz() {
    double[] overall = new double[d];
    double top = 0;
    for (int g = 0; g < k; g++) {
      top = Math.max(top, maxAbs[g]);
      for (int t = 0; t < d; t++) {
        overall[t] += size[g] * mean[g * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      overall[t] /= n;
    }
    double overallError = Math.sqrt(d) * (n + 2) * EPS * top;
    double b = 0;
    double db = 0;
    for (int g = 0; g < k; g++) {
      double m = 0;
      for (int t = 0; t < d; t++) {
        double diff = mean[g * d + t] - overall[t];
        m += diff * diff;
      }
      m = Math.sqrt(m);
      double dm = meanError[g] + overallError + (d + 3) * EPS * m;
      b += size[g] * m * m;
      db += size[g] * (2 * m * dm + dm * dm);
    }
    db += (k + 2) * EPS * b;
    double[] within = within();
    double w = within[0];
    double dw = within[1];
    if (!(db < b / 2) || !(dw < w / 2)) {
      return Double.NaN;
    }
    double ch = b * (n - k) / (w * (k - 1));
    // (b + db) / (w - dw) = (b / w) (1 + (db / b + dw / w) / (1 - dw / w))
    return ch * ((db / b + dw / w) / (1 - dw / w) + 4 * EPS);
  }
}
