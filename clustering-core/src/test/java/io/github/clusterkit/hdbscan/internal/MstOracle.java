package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;

/**
 * Brute-force oracles for HDBSCAN*'s core distances and mutual reachability tree, straight from the definitions
 * (Campello et al. 2015, doi:10.1145/2733381): every row's distances sorted, and a dense Prim over every pair in true
 * distances with no tie rule at all. Any two minimum spanning trees of one weighted graph have the same sorted
 * weights, so the engine's sorted weights must equal this tree's element by element, exactly. Distances are
 * {@code fromReduced(reducedDistance)} on the data as the engine measures them (scaled by {@code Scale} when their
 * magnitude needs it, then scaled back).
 */
final class MstOracle {

  private MstOracle() {}

  /**
   * Data shapes: real values, integer grids (many equal distances), few distinct rows (many copies), values whose
   * squared gaps overflow (HUGE) or underflow (TINY) unless scaled.
   */
  enum Shape { UNIFORM, GRID, DUPLICATES, CLUSTERED, LINE, HUGE, TINY }

  static double[] generate(Shape shape, int n, int d, Rng rng) {
    double[] x = new double[n * d];
    switch (shape) {
      case UNIFORM:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.uniform(-1, 1);
        }
        break;
      case GRID:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextInt(4);
        }
        break;
      case DUPLICATES: {
        int distinct = 1 + rng.nextInt(4);
        double[] base = new double[distinct * d];
        for (int i = 0; i < base.length; i++) {
          base[i] = rng.nextInt(3);
        }
        for (int i = 0; i < n; i++) {
          System.arraycopy(base, rng.nextInt(distinct) * d, x, i * d, d);
        }
        break;
      }
      case CLUSTERED:
        for (int i = 0; i < n; i++) {
          double c = 10 * rng.nextInt(3);
          for (int j = 0; j < d; j++) {
            x[i * d + j] = c + rng.nextGaussian();
          }
        }
        break;
      case LINE:
        for (int i = 0; i < n; i++) {
          double t = rng.nextInt(20);
          for (int j = 0; j < d; j++) {
            x[i * d + j] = t * (j + 1);
          }
        }
        break;
      case HUGE:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.uniform(-1, 1) * 1e250;
        }
        break;
      case TINY:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextInt(5) * 1e-250;
        }
        break;
      default:
        throw new AssertionError(shape);
    }
    return x;
  }

  /** The distance between rows as the engine measures it. */
  static double distance(Dataset data, Metric metric, int a, int b) {
    int e = Scale.exponent(data);
    double[] x = Scale.values(data, e);
    int d = data.dimension();
    return Math.scalb(metric.fromReduced(metric.reducedDistance(x, a * d, x, b * d, d)), e);
  }

  static double[] distances(Dataset data, Metric metric) {
    int n = data.size();
    int e = Scale.exponent(data);
    double[] x = Scale.values(data, e);
    int d = data.dimension();
    double[] dist = new double[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        dist[a * n + b] = Math.scalb(metric.fromReduced(metric.reducedDistance(x, a * d, x, b * d, d)), e);
      }
    }
    return dist;
  }

  /** The k-th smallest of every row's n distances (itself included). */
  static double[] cores(double[] dist, int n, int k) {
    double[] core = new double[n];
    double[] row = new double[n];
    for (int a = 0; a < n; a++) {
      System.arraycopy(dist, a * n, row, 0, n);
      Arrays.sort(row);
      core[a] = row[k - 1];
    }
    return core;
  }

  /** The sorted weights of a minimum spanning tree of mrd, by dense Prim with plain comparisons. */
  static double[] sortedWeights(double[] dist, double[] core, int n) {
    boolean[] in = new boolean[n];
    double[] best = new double[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    double[] w = new double[Math.max(0, n - 1)];
    int u = 0;
    in[0] = true;
    for (int step = 0; step < n - 1; step++) {
      int next = -1;
      for (int v = 0; v < n; v++) {
        if (in[v]) {
          continue;
        }
        double m = Math.max(Math.max(core[u], core[v]), dist[u * n + v]);
        if (m < best[v]) {
          best[v] = m;
        }
        if (next < 0 || best[v] < best[next]) {
          next = v;
        }
      }
      w[step] = best[next];
      in[next] = true;
      u = next;
    }
    Arrays.sort(w);
    return w;
  }
}
