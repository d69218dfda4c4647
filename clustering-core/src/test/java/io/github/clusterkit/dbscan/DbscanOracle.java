package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A brute-force statement of the DBSCAN definition in {@link Dbscan}'s Javadoc, written independently of the
 * implementation: O(n^2) distances, a breadth-first search over core points, and direct checks of the border
 * and numbering rules on a model's output.
 */
final class DbscanOracle {

  private DbscanOracle() {}

  static double reduced(Metric m, double[][] x, int i, int j) {
    return m.reducedDistance(x[i], 0, x[j], 0, x[i].length);
  }

  /** Core flags by counting every point within eps (the point itself included). */
  static boolean[] core(double[][] x, Metric m, double eps, int minPts) {
    int n = x.length;
    double r = m.toReduced(eps);
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < n; j++) {
        if (reduced(m, x, i, j) <= r) {
          c++;
        }
      }
      core[i] = c >= minPts;
    }
    return core;
  }

  /** Connected components of the core graph: component id per core row (its smallest row), -1 otherwise. */
  static int[] corePartition(double[][] x, Metric m, double eps, boolean[] core) {
    int n = x.length;
    double r = m.toReduced(eps);
    int[] comp = new int[n];
    Arrays.fill(comp, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < n; s++) {
      if (!core[s] || comp[s] >= 0) {
        continue;
      }
      comp[s] = s;
      queue.add(s);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        for (int j = 0; j < n; j++) {
          if (core[j] && comp[j] < 0 && reduced(m, x, i, j) <= r) {
            comp[j] = s;
            queue.add(j);
          }
        }
      }
    }
    return comp;
  }

  /**
   * Asserts that the labels follow the definition exactly: core mask, partition of core points, border
   * points in the cluster of a nearest core point with the smallest label among ties (noise under
   * DBSCAN*), noise without a core point within eps, clusters numbered by first member.
   */
  static void assertExact(double[][] x, Metric m, double eps, int minPts, boolean star, DbscanModel model) {
    int n = x.length;
    boolean[] core = core(x, m, eps, minPts);
    assertArrayEquals(core, model.coreMask(), "core mask (brute-force count)");
    int[] comp = corePartition(x, m, eps, core);
    int[] labels = model.labels();
    assertSamePartition(comp, labels, core, "core partition (brute-force components)");
    double r = m.toReduced(eps);
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      int bestLabel = -1;
      for (int j = 0; j < n; j++) {
        if (!core[j]) {
          continue;
        }
        double dd = reduced(m, x, i, j);
        if (dd <= r && (dd < best || (dd == best && labels[j] < bestLabel))) {
          best = dd;
          bestLabel = labels[j];
        }
      }
      int expected = star ? -1 : bestLabel;
      assertEquals(expected, labels[i], "label of non-core row " + i);
    }
    int next = 0;
    for (int i = 0; i < n; i++) {
      assertTrue(labels[i] <= next, "clusters numbered by first member: row " + i + " has " + labels[i]);
      if (labels[i] == next) {
        next++;
      }
    }
    assertEquals(next, model.clusterCount(), "cluster count");
    int noise = 0;
    for (int i = 0; i < n; i++) {
      noise += labels[i] < 0 ? 1 : 0;
    }
    assertEquals(noise, model.noiseCount(), "noise count");
  }

  /**
   * scikit-learn's labels from their definition ({@link Dbscan.LabelRule#SCIKIT_LEARN}), by brute force: the core
   * points and their components as above; the components numbered 0, 1, ... in the order of their smallest core row;
   * a non-core row in the lowest-numbered component with a core row within eps of it, else noise ({@code -1}; every
   * non-core row under DBSCAN*).
   */
  static int[] scikitLearnLabels(double[][] x, Metric m, double eps, int minPts, boolean star) {
    int n = x.length;
    boolean[] core = core(x, m, eps, minPts);
    int[] comp = corePartition(x, m, eps, core);
    // comp[i] is the smallest core row of i's component: rank those rows in increasing order
    int[] number = new int[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (core[i] && comp[i] == i) {
        number[i] = next++;
      }
    }
    double r = m.toReduced(eps);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        labels[i] = number[comp[i]];
        continue;
      }
      int lowest = -1;
      for (int j = 0; j < n && !star; j++) {
        if (core[j] && reduced(m, x, i, j) <= r && (lowest < 0 || number[comp[j]] < lowest)) {
          lowest = number[comp[j]];
        }
      }
      labels[i] = lowest;
    }
    return labels;
  }

  /** Asserts that two labelings induce the same partition on the rows where {@code on} is true. */
  static void assertSamePartition(int[] a, int[] b, boolean[] on, String what) {
    java.util.HashMap<Integer, Integer> ab = new java.util.HashMap<>();
    java.util.HashMap<Integer, Integer> ba = new java.util.HashMap<>();
    for (int i = 0; i < a.length; i++) {
      if (!on[i]) {
        continue;
      }
      Integer x = ab.putIfAbsent(a[i], b[i]);
      Integer y = ba.putIfAbsent(b[i], a[i]);
      assertTrue((x == null || x == b[i]) && (y == null || y == a[i]),
          what + ": row " + i + " breaks the one-to-one match of clusters");
    }
  }

  static double[][] rows(double[] flat, int n, int d) {
    double[][] r = new double[n][];
    for (int i = 0; i < n; i++) {
      r[i] = Arrays.copyOfRange(flat, i * d, i * d + d);
    }
    return r;
  }
}
