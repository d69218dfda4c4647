package io.github.clusterkit.hierarchical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brute-force oracles written from the definitions, sharing no code with the library: Kruskal's minimum
 * spanning tree for single linkage, and the naive O(n^3) agglomeration that evaluates every cluster distance
 * from the member points (complete: the largest pairwise distance; average: the mean; Ward: the
 * size-weighted distance of the means, {@code sqrt(2 a b / (a + b)) ||mean(A) - mean(B)||}).
 */
final class HierarchicalOracle {

  private HierarchicalOracle() {}

  /** A merge of the oracle: height and the members of the new cluster. */
  static final class Merge {
    final double height;
    final int[] members;

    Merge(double height, int[] members) {
      this.height = height;
      this.members = members;
    }
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /** Kruskal: the n - 1 MST edges as {i, j} in order of (distance, i, j); heights in {@code heights}. */
  static int[][] kruskal(double[][] x, double[] heights) {
    int n = x.length;
    int m = n * (n - 1) / 2;
    double[] w = new double[m];
    Integer[] idx = new Integer[m];
    int[][] pairs = new int[m][];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        w[k] = distance(x[i], x[j]);
        pairs[k] = new int[] {i, j};
        idx[k] = k;
        k++;
      }
    }
    Arrays.sort(idx, (p, q) -> Double.compare(w[p], w[q])); // stable: (i, j) order within a distance
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    int[][] edges = new int[n - 1][];
    int e = 0;
    for (int p = 0; p < m && e < n - 1; p++) {
      int a = find(uf, pairs[idx[p]][0]);
      int b = find(uf, pairs[idx[p]][1]);
      if (a != b) {
        uf[a] = b;
        heights[e] = w[idx[p]];
        edges[e++] = pairs[idx[p]];
      }
    }
    return edges;
  }

  /** Labels (first-appearance order) after the first {@code count} Kruskal edges. */
  static int[] kruskalCut(int n, int[][] edges, int count) {
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    for (int e = 0; e < count; e++) {
      uf[find(uf, edges[e][0])] = find(uf, edges[e][1]);
    }
    return relabel(uf);
  }

  /** Naive agglomeration with the cluster distance computed from the points each time. */
  static List<Merge> naive(double[][] x, Linkage linkage) {
    int n = x.length;
    List<int[]> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clusters.add(new int[] {i});
    }
    List<Merge> merges = new ArrayList<>();
    while (clusters.size() > 1) {
      double best = Double.POSITIVE_INFINITY;
      int ba = -1;
      int bb = -1;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double dist = clusterDistance(x, clusters.get(a), clusters.get(b), linkage);
          if (dist < best) {
            best = dist;
            ba = a;
            bb = b;
          }
        }
      }
      int[] ca = clusters.get(ba);
      int[] cb = clusters.get(bb);
      int[] merged = Arrays.copyOf(ca, ca.length + cb.length);
      System.arraycopy(cb, 0, merged, ca.length, cb.length);
      Arrays.sort(merged);
      clusters.remove(bb);
      clusters.set(ba, merged);
      merges.add(new Merge(best, merged));
    }
    return merges;
  }

  static double clusterDistance(double[][] x, int[] a, int[] b, Linkage linkage) {
    switch (linkage) {
      case COMPLETE: {
        double m = 0;
        for (int i : a) {
          for (int j : b) {
            m = Math.max(m, distance(x[i], x[j]));
          }
        }
        return m;
      }
      case AVERAGE: {
        double s = 0;
        for (int i : a) {
          for (int j : b) {
            s += distance(x[i], x[j]);
          }
        }
        return s / ((double) a.length * b.length);
      }
      case SINGLE: {
        double m = Double.POSITIVE_INFINITY;
        for (int i : a) {
          for (int j : b) {
            m = Math.min(m, distance(x[i], x[j]));
          }
        }
        return m;
      }
      default: {
        double[] ma = mean(x, a);
        double[] mb = mean(x, b);
        double na = a.length;
        double nb = b.length;
        return Math.sqrt(2 * na * nb / (na + nb)) * distance(ma, mb);
      }
    }
  }

  private static double[] mean(double[][] x, int[] members) {
    double[] m = new double[x[0].length];
    for (int i : members) {
      for (int j = 0; j < m.length; j++) {
        m[j] += x[i][j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= members.length;
    }
    return m;
  }

  /** Labels after the first {@code count} naive merges. */
  static int[] naiveCut(int n, List<Merge> merges, int count) {
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    for (int e = 0; e < count; e++) {
      int[] m = merges.get(e).members;
      for (int i = 1; i < m.length; i++) {
        int a = find(uf, m[0]);
        int b = find(uf, m[i]);
        uf[a] = b;
      }
    }
    return relabel(uf);
  }

  /** Pearson correlation of distances and cophenetic distances, both as explicit n x n tables. */
  static double cophenetic(double[][] x, Dendrogram t) {
    int n = x.length;
    double[][] coph = new double[n][n];
    for (double[] row : coph) {
      Arrays.fill(row, Double.NaN);
    }
    double[] h = t.heights();
    // Cophenetic distance = height of the first merge after which the two rows share a cluster.
    for (int m = n - 1; m >= 1; m--) {
      int[] labels = t.cut(m);
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (labels[i] == labels[j] && Double.isNaN(coph[i][j])) {
            coph[i][j] = h[n - m - 1];
          }
        }
      }
    }
    double sy = 0;
    double sz = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sy += distance(x[i], x[j]);
        sz += coph[i][j];
        pairs++;
      }
    }
    double my = sy / pairs;
    double mz = sz / pairs;
    double num = 0;
    double dy = 0;
    double dz = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = distance(x[i], x[j]) - my;
        double b = coph[i][j] - mz;
        num += a * b;
        dy += a * a;
        dz += b * b;
      }
    }
    return num / Math.sqrt(dy * dz);
  }

  private static int find(int[] uf, int x) {
    while (uf[x] != x) {
      x = uf[x];
    }
    return x;
  }

  static int[] relabel(int[] uf) {
    int n = uf.length;
    int[] label = new int[n];
    int[] byRoot = new int[n];
    Arrays.fill(byRoot, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(uf, i);
      if (byRoot[r] < 0) {
        byRoot[r] = next++;
      }
      label[i] = byRoot[r];
    }
    return label;
  }
}
