package io.github.clusterkit.neighbors;


/** Argument checks shared by the index implementations. */
final class QueryChecks {

  private QueryChecks() {}

  static void query(double[] query, int d) {
    if (query == null) {
      throw new IllegalArgumentException("query must not be null");
    }
    if (query.length != d) {
      throw new IllegalArgumentException(
          "query must have dimension " + d + " (the data's), got " + query.length);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(query[j])) {
        throw new IllegalArgumentException(
            "query must be finite, got " + query[j] + " at index " + j);
      }
    }
  }

  static void row(int row, int n) {
    if (row < 0 || row >= n) {
      throw new IllegalArgumentException("row must be in [0, " + n + "), got " + row);
    }
  }

  static void radius(double radius) {
    if (!(radius >= 0) || radius == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("radius must be >= 0 and finite, got " + radius);
    }
  }

  static void limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
  }

  static void k(int k, int n) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n = " + n + "], got " + k);
    }
  }

  static void buffer(Neighbors out) {
    if (out == null) {
      throw new IllegalArgumentException("out (the result buffer) must not be null");
    }
  }
}
