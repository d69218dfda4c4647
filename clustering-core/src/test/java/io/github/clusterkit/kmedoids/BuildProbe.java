package io.github.clusterkit.kmedoids;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmedoids.internal.Dissimilarity;
import io.github.clusterkit.kmedoids.internal.Engine;
import io.github.clusterkit.neighbors.Metric;

/** Runs the engine's BUILD alone (the fit only shows the refined medoids). */
final class BuildProbe {
  private BuildProbe() {}

  static int[] build(Dataset data, int k, Metric metric, int threads) {
    try (Engine e = new Engine(Dissimilarity.rows(data.toArray(), data.size(), data.dimension(), metric), k,
        threads)) {
      return e.build();
    }
  }
}
