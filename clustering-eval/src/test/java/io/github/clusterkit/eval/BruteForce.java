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

  /**
   * DBCV as {@link Dbcv} documents it, the slow way: core distances from {@code Math.pow(dist, -d)} (a copy gives
   * an infinite term and core distance 0; no guard against overflow, so for moderate data only), every edge of a
   * cluster sorted by (weight, lower rank, higher rank) with ranks by coordinates then row, Kruskal's algorithm,
   * separation over all pairs of internal points. Throws IllegalArgumentException when undefined.
   */
  static double dbcv(double[][] x, int[] labels, NoisePolicy policy) {
    int[] l = applyPolicy(labels, policy);
    int d = x[0].length;
    java.util.TreeMap<Integer, java.util.List<Integer>> groups = new java.util.TreeMap<>();
    int total = 0;
    for (int i = 0; i < l.length; i++) {
      if (l[i] != Integer.MIN_VALUE) {
        total++;
        if (l[i] != -1 || policy == NoisePolicy.MERGE) {
          groups.computeIfAbsent(l[i], k -> new java.util.ArrayList<>()).add(i);
        }
      }
    }
    java.util.List<Integer[]> clusters = new java.util.ArrayList<>();
    for (java.util.List<Integer> g : groups.values()) {
      if (g.size() >= 2) {
        Integer[] m = g.toArray(new Integer[0]);
        Arrays.sort(m, (a, b) -> {
          for (int t = 0; t < d; t++) {
            if (x[a][t] != x[b][t]) {
              return x[a][t] < x[b][t] ? -1 : 1;
            }
          }
          return Integer.compare(a, b);
        });
        clusters.add(m);
      }
    }
    if (clusters.size() < 2) {
      throw new IllegalArgumentException("undefined");
    }
    double[] core = new double[x.length];
    double[] dsc = new double[clusters.size()];
    java.util.List<java.util.List<Integer>> internal = new java.util.ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      Integer[] m = clusters.get(c);
      for (int a : m) {
        double s = 0;
        for (int b : m) {
          if (a != b) {
            s += Math.pow(dist(x[a], x[b]), -d);
          }
        }
        core[a] = Math.pow(s / (m.length - 1), -1.0 / d);
      }
      java.util.List<double[]> edges = new java.util.ArrayList<>();
      for (int a = 0; a < m.length; a++) {
        for (int b = a + 1; b < m.length; b++) {
          edges.add(new double[] {Math.max(Math.max(core[m[a]], core[m[b]]), dist(x[m[a]], x[m[b]])), a, b});
        }
      }
      edges.sort((e, f) -> e[0] != f[0] ? Double.compare(e[0], f[0])
          : e[1] != f[1] ? Double.compare(e[1], f[1]) : Double.compare(e[2], f[2]));
      int[] root = new int[m.length];
      for (int a = 0; a < m.length; a++) {
        root[a] = a;
      }
      int[] degree = new int[m.length];
      java.util.List<double[]> tree = new java.util.ArrayList<>();
      for (double[] e : edges) {
        int ra = find(root, (int) e[1]);
        int rb = find(root, (int) e[2]);
        if (ra != rb) {
          root[ra] = rb;
          tree.add(e);
          degree[(int) e[1]]++;
          degree[(int) e[2]]++;
        }
      }
      double all = 0;
      double inner = -1;
      for (double[] e : tree) {
        all = Math.max(all, e[0]);
        if (degree[(int) e[1]] >= 2 && degree[(int) e[2]] >= 2) {
          inner = Math.max(inner, e[0]);
        }
      }
      dsc[c] = inner >= 0 ? inner : all;
      java.util.List<Integer> in = new java.util.ArrayList<>();
      for (int a = 0; a < m.length; a++) {
        if (m.length == 2 || degree[a] >= 2) {
          in.add(m[a]);
        }
      }
      internal.add(in);
    }
    double sum = 0;
    for (int c = 0; c < clusters.size(); c++) {
      double sep = Double.POSITIVE_INFINITY;
      for (int e = 0; e < clusters.size(); e++) {
        if (e != c) {
          for (int a : internal.get(c)) {
            for (int b : internal.get(e)) {
              sep = Math.min(sep, Math.max(Math.max(core[a], core[b]), dist(x[a], x[b])));
            }
          }
        }
      }
      double big = Math.max(sep, dsc[c]);
      sum += clusters.get(c).length * (big == 0 ? 0 : (sep - dsc[c]) / big);
    }
    return sum / total;
  }

  private static int find(int[] root, int a) {
    while (root[a] != a) {
      a = root[a];
    }
    return a;
  }

  private static double dist(double[] a, double[] b) {
    double s = 0;
    for (int t = 0; t < a.length; t++) {
      s += (a[t] - b[t]) * (a[t] - b[t]);
    }
    return Math.sqrt(s);
  }
}
