package io.github.clusterkit.eval;

import java.util.Arrays;
import java.util.function.ToDoubleBiFunction;

/** Test oracles: the textbook definitions, computed the slow and obvious way. */
final class BruteForce {

  private BruteForce() {}

  /** Applies a noise policy by relabelling: IGNORE gives Integer.MIN_VALUE (= left out). */
  static int[] applyPolicy(int[] labels, NoisePolicy policy) {
    int[] out = labels.clone();
    int next = Arrays.stream(labels).max().orElse(0) + 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        switch (policy) {
          case IGNORE:
            out[i] = Integer.MIN_VALUE;
            break;
          case MERGE:
            break;
          case SINGLETONS:
            out[i] = next++;
            break;
          default:
            throw new AssertionError();
        }
      }
    }
    return out;
  }

  /** Silhouette per row (NaN for rows left out) following Rousseeuw and scikit-learn. */
  static double[] silhouette(double[][] x, int[] labels, NoisePolicy policy) {
    return silhouette(x, labels, policy, (p, q) -> {
      double s = 0;
      for (int t = 0; t < p.length; t++) {
        double diff = p[t] - q[t];
        s += diff * diff;
      }
      return Math.sqrt(s);
    });
  }

  /** The same with the distance given (SilhouetteMetricTest's metrics). */
  static double[] silhouette(double[][] x, int[] labels, NoisePolicy policy,
      ToDoubleBiFunction<double[], double[]> distance) {
    int[] l = applyPolicy(labels, policy);
    int n = x.length;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      if (l[i] == Integer.MIN_VALUE) {
        s[i] = Double.NaN;
        continue;
      }
      int own = 0;
      double ownSum = 0;
      java.util.Map<Integer, double[]> other = new java.util.TreeMap<>();
      for (int j = 0; j < n; j++) {
        if (l[j] == Integer.MIN_VALUE || j == i) {
          continue;
        }
        double dist = distance.applyAsDouble(x[i], x[j]);
        if (l[j] == l[i]) {
          own++;
          ownSum += dist;
        } else {
          double[] acc = other.computeIfAbsent(l[j], key -> new double[2]);
          acc[0] += dist;
          acc[1]++;
        }
      }
      if (own == 0) {
        s[i] = 0;
        continue;
      }
      double a = ownSum / own;
      double b = Double.POSITIVE_INFINITY;
      for (double[] acc : other.values()) {
        b = Math.min(b, acc[0] / acc[1]);
      }
      double max = Math.max(a, b);
      s[i] = max > 0 ? (b - a) / max : 0;
    }
    return s;
  }

  static double mean(double[] v) {
    double sum = 0;
    int c = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        sum += x;
        c++;
      }
    }
    return sum / c;
  }
}
