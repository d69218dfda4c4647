package io.github.clusterkit.bench;

import smile.anomaly.IsolationForest;

/**
 * Smile's isolation forest, {@code smile.anomaly.IsolationForest} (Smile 6.x: {@code fit(data, new Options(ntrees,
 * maxDepth, subsample, extensionLevel))}; one copy per Smile version as every Smile adapter), for
 * {@link IsolationForestBenchmark}: extension level 0 (axis-parallel splits, the original algorithm), the subsample
 * given as a fraction of the rows.
 */
final class SmileIsolationForest {

  private SmileIsolationForest() {
  }

  /** Grows the forest and scores every row (higher is more anomalous, as ours). */
  static double[] fitAndScore(double[][] rows, int trees, int maxDepth, double subsample) {
    IsolationForest f = IsolationForest.fit(rows, new IsolationForest.Options(trees, maxDepth, subsample, 0));
    return f.score(rows);
  }
}
