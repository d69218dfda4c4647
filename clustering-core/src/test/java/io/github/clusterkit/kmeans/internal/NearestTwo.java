package io.github.clusterkit.kmeans.internal;

import io.github.clusterkit.internal.Rng;

/**
 * Test oracle: a row's nearest centroid (lowest index on ties), its squared distance and the second smallest squared
 * distance ({@code +inf} with one centroid), by a plain scan of {@link Dist#sq} in centroid order.
 */
final class NearestTwo {
  final int best;
  final double bd;
  final double second;

  /**
   * {@code k} centroids of {@code d} small half-integer coordinates, each after the first a copy of an earlier one
   * about once in four (exact distance ties): the centroids of the first-pass and nearest-centroid tests.
   */
  static double[] tiedCentroids(Rng rng, int k, int d) {
    double[] c = new double[k * d];
    for (int j = 0; j < k; j++) {
      int src = j > 0 && rng.nextInt(4) == 0 ? rng.nextInt(j) : -1; // a repeated centroid: exact ties
      for (int t = 0; t < d; t++) {
        c[j * d + t] = src >= 0 ? c[src * d + t] : rng.nextInt(3) - 1 + 0.5 * rng.nextInt(2);
      }
    }
    return c;
  }

  /**
   * {@code n} rows of {@code d} coordinates, mostly -1, 0 or 1 (ties with {@link #tiedCentroids}), a quarter of them
   * plus a standard normal value; with {@code huge}, about one in 50 set to -1e200 or 1e200 (infinite squared
   * distances): the rows of the first-pass tests.
   */
  static double[] tiedRows(Rng rng, int n, int d, boolean huge) {
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(3) - 1 + (rng.nextInt(4) == 0 ? rng.nextGaussian() : 0);
      if (huge && rng.nextInt(50) == 0) {
        x[i] = (rng.nextInt(2) == 0 ? -1e200 : 1e200);
      }
    }
    return x;
  }

  NearestTwo(double[] x, int xo, double[] c, int k, int d) {
    int b = 0;
    double dist = Dist.sq(x, xo, c, 0, d);
    double sec = Double.POSITIVE_INFINITY;
    for (int j = 1; j < k; j++) {
      double dj = Dist.sq(x, xo, c, j * d, d);
      if (dj < dist) {
        sec = dist;
        dist = dj;
        b = j;
      } else if (dj < sec) {
        sec = dj;
      }
    }
    this.best = b;
    this.bd = dist;
    this.second = sec;
  }
}
