package io.github.clusterkit.bench;

import io.github.clusterkit.eval.AdjustedRandIndex;
import java.util.HashMap;
import java.util.Map;

/**
 * Compares two HDBSCAN* flat clusterings of the same rows, both with noise labelled -1: the number of clusters,
 * the noise counts, whether the partitions are identical (the same noise set and the same clusters, whatever
 * their numbering) and the adjusted Rand index with noise as one more label, as scikit-learn's
 * {@code adjusted_rand_score} would score HDBSCAN labels.
 */
final class HdbscanChecks {

  private HdbscanChecks() {}

  /** The outcome of one comparison. */
  static final class Comparison {
    final int expectedClusters;
    final int clusters;
    final int expectedNoise;
    final int noise;
    /** Rows whose label differs after the best one-to-one renaming of the clusters; 0 when identical. */
    final int differing;
    final double ari;

    Comparison(int expectedClusters, int clusters, int expectedNoise, int noise, int differing, double ari) {
      this.expectedClusters = expectedClusters;
      this.clusters = clusters;
      this.expectedNoise = expectedNoise;
      this.noise = noise;
      this.differing = differing;
      this.ari = ari;
    }

    boolean identical() {
      return differing == 0;
    }

    @Override
    public String toString() {
      return String.format("%d clusters (reference %d), %d noise (reference %d), ARI %.6f, %s", clusters,
          expectedClusters, noise, expectedNoise, ari,
          identical() ? "identical partition" : differing + " rows labelled differently");
    }
  }

  /**
   * @param expected the reference labels (-1 noise, clusters 0..c-1 in any order)
   * @param got the other library's labels, noise already mapped to -1
   */
  static Comparison compare(int[] expected, int[] got) {
    if (expected.length != got.length) {
      throw new IllegalStateException("labelled " + got.length + " rows, expected " + expected.length);
    }
    return new Comparison(clusters(expected), clusters(got), noise(expected), noise(got), differing(expected, got),
        AdjustedRandIndex.score(expected, got));
  }

  /** Requires the same partition: the same noise set and the same clusters, whatever their numbering. */
  static Comparison requireIdentical(String who, int[] expected, int[] got) {
    Comparison c = compare(expected, got);
    if (!c.identical() || c.clusters != c.expectedClusters) {
      throw new IllegalStateException(who + ": " + c + "; required: the identical partition");
    }
    return c;
  }

  /** Requires an adjusted Rand index of at least {@code minAri} (cluster counts may differ). */
  static Comparison requireSimilar(String who, int[] expected, int[] got, double minAri) {
    Comparison c = compare(expected, got);
    if (!(c.ari >= minAri)) {
      throw new IllegalStateException(who + ": " + c + "; required: ARI >= " + minAri);
    }
    return c;
  }

  static int clusters(int[] labels) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y : labels) {
      if (y != -1) {
        seen.add(y);
      }
    }
    return seen.size();
  }

  static int noise(int[] labels) {
    int count = 0;
    for (int y : labels) {
      if (y == -1) {
        count++;
      }
    }
    return count;
  }

  /**
   * Rows not labelled alike once every cluster of {@code got} is renamed to the reference cluster (or noise) with
   * which it shares most rows, each reference cluster taken at most once (greedy by shared rows; exact when the
   * partitions agree). Noise is never renamed.
   */
  private static int differing(int[] expected, int[] got) {
    Map<Long, Integer> shared = new HashMap<>();
    for (int i = 0; i < expected.length; i++) {
      if (got[i] != -1 && expected[i] != -1) {
        shared.merge(((long) got[i] << 32) | (expected[i] & 0xffffffffL), 1, Integer::sum);
      }
    }
    java.util.List<Map.Entry<Long, Integer>> pairs = new java.util.ArrayList<>(shared.entrySet());
    pairs.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    Map<Integer, Integer> renamed = new HashMap<>();
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (Map.Entry<Long, Integer> e : pairs) {
      int g = (int) (e.getKey() >> 32);
      int x = (int) (long) e.getKey();
      if (!renamed.containsKey(g) && !taken.contains(x)) {
        renamed.put(g, x);
        taken.add(x);
      }
    }
    int differing = 0;
    for (int i = 0; i < expected.length; i++) {
      int mapped = got[i] == -1 ? -1 : renamed.getOrDefault(got[i], Integer.MIN_VALUE);
      if (mapped != expected[i]) {
        differing++;
      }
    }
    return differing;
  }
}
