package io.github.clusterkit.bench;

import io.github.clusterkit.hierarchical.Linkage;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.CompleteLinkage;
import smile.clustering.linkage.SingleLinkage;
import smile.clustering.linkage.UPGMALinkage;
import smile.clustering.linkage.WardLinkage;

/**
 * Smile's agglomerative clustering for {@link HierarchicalBenchmark}: its {@code *Linkage.of(rows)} (a float
 * proximity matrix), then {@code HierarchicalClustering.fit}. Every call to it goes through here. The calls used
 * are the same in Smile 3.1.1 and 6.x, so this one adapter compiles against both (the version-specific adapters
 * are in {@code src/smile3/java} and {@code src/smile6/java}).
 */
final class SmileHierarchical {

  private SmileHierarchical() {
  }

  /** One complete fit, proximity matrix included. */
  static Object fit(double[][] rows, Linkage linkage) {
    switch (linkage) {
      case WARD:
        return HierarchicalClustering.fit(WardLinkage.of(rows));
      case COMPLETE:
        return HierarchicalClustering.fit(CompleteLinkage.of(rows));
      case AVERAGE:
        return HierarchicalClustering.fit(UPGMALinkage.of(rows));
      case SINGLE:
        return HierarchicalClustering.fit(SingleLinkage.of(rows));
      default:
        throw new IllegalArgumentException("no Smile linkage for " + linkage);
    }
  }

  static boolean isResult(Object result) {
    return result instanceof HierarchicalClustering;
  }

  /** A copy of the merge heights, in merge order. */
  static double[] heights(Object result) {
    return ((HierarchicalClustering) result).height().clone();
  }
}
