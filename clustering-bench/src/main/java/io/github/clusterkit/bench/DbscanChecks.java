package io.github.clusterkit.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Compares a peer's DBSCAN labels with clusterkit's on what DBSCAN defines uniquely: the noise set, the
 * number of clusters and the partition of the core points. Border points may legitimately go to any
 * adjacent cluster, so their labels are not compared.
 */
final class DbscanChecks {

  private DbscanChecks() {}

  /**
   * @param who the peer's name, for the message
   * @param ours clusterkit's labels (-1 noise)
   * @param core clusterkit's core mask
   * @param theirs the peer's labels, with noise already mapped to -1
   * @return the number of clusters
   * @throws IllegalStateException on the first difference
   */
  static int requireSameClustering(String who, int[] ours, boolean[] core, int[] theirs) {
    if (ours.length != theirs.length) {
      throw new IllegalStateException(who + " labelled " + theirs.length + " points, expected " + ours.length);
    }
    Map<Integer, Integer> oursToTheirs = new HashMap<>();
    Map<Integer, Integer> theirsToOurs = new HashMap<>();
    int ourClusters = 0;
    for (int i = 0; i < ours.length; i++) {
      if ((ours[i] == -1) != (theirs[i] == -1)) {
        throw new IllegalStateException(who + " labels point " + i + " " + theirs[i] + ", clusterkit " + ours[i]
            + " (noise sets differ)");
      }
      ourClusters = Math.max(ourClusters, ours[i] + 1);
      if (core[i]) {
        Integer a = oursToTheirs.putIfAbsent(ours[i], theirs[i]);
        Integer b = theirsToOurs.putIfAbsent(theirs[i], ours[i]);
        if ((a != null && a != theirs[i]) || (b != null && b != ours[i])) {
          throw new IllegalStateException(who + " splits or merges clusterkit's cluster " + ours[i]
              + " at core point " + i + " (labelled " + theirs[i] + ")");
        }
      }
    }
    java.util.Set<Integer> theirClusters = new java.util.HashSet<>();
    for (int t : theirs) {
      if (t != -1) {
        theirClusters.add(t);
      }
    }
    if (theirClusters.size() != ourClusters) {
      throw new IllegalStateException(who + " found " + theirClusters.size() + " clusters, clusterkit "
          + ourClusters);
    }
    return ourClusters;
  }
}
