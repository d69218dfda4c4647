package io.github.clusterkit.bench;

/**
 * Parses the {@code shape} parameter of the clustering benchmarks: {@code "<n>x<d>"}, e.g. {@code "100000x2"}
 * (the smoke run passes {@code -p shape=10000x2}).
 */
final class Shapes {

  private Shapes() {}

  static int n(String shape) {
    return parse(shape)[0];
  }

  static int d(String shape) {
    return parse(shape)[1];
  }

  private static int[] parse(String shape) {
    String[] parts = shape.split("x");
    if (parts.length != 2) {
      throw new IllegalArgumentException("shape must be <n>x<d>, got " + shape);
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shape must be <n>x<d> with n and d written as whole numbers in digits"
          + " (1000000x2, not 1e6x2), got " + shape, e);
    }
  }

  /** Sum of squared distances of every row to its nearest centroid (the K-Means objective). */
  static double inertia(double[][] rows, double[][] centroids) {
    double total = 0;
    for (double[] x : rows) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] c : centroids) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
          double t = x[j] - c[j];
          s += t * t;
        }
        best = Math.min(best, s);
      }
      total += best;
    }
    return total;
  }
}
