package io.github.clusterkit.kmeans.internal;

/**
 * Test oracle: a row's nearest centroid (lowest index on ties), its squared distance and the second smallest squared
 * distance ({@code +inf} with one centroid), by a plain scan of {@link Dist#sq} in centroid order.
 */
final class NearestTwo {
  final int best;
  final double bd;
  final double second;

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
