package io.github.clusterkit.bench;

import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.ClusterModel;
import elki.data.model.Model;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDRange;
import elki.database.ids.DBIDUtil;
import elki.database.relation.Relation;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmeans.KMeans;

/** The labelled data of the evaluation benchmarks and its conversion into ELKI's clustering. */
final class EvalData {

  private EvalData() {}

  /**
   * The labels every library scores: clusterkit's K-Means (k = 10, seed 42) on the benchmark blobs, so that
   * every row belongs to one of 10 clusters (no noise: every library treats it alike).
   */
  static int[] labels(Dataset data) {
    return KMeans.k(10).seed(42L).fit(data).labels();
  }

  /** The labels as an ELKI clustering over the relation's DBIDs (row i = offset i). */
  static Clustering<Model> elkiClustering(Relation<NumberVector> relation, int[] labels) {
    int k = 0;
    for (int label : labels) {
      k = Math.max(k, label + 1);
    }
    ArrayModifiableDBIDs[] members = new ArrayModifiableDBIDs[k];
    for (int c = 0; c < k; c++) {
      members[c] = DBIDUtil.newArray();
    }
    DBIDRange ids = (DBIDRange) relation.getDBIDs();
    for (int i = 0; i < labels.length; i++) {
      members[labels[i]].add(ids.get(i));
    }
    Clustering<Model> clustering = new Clustering<>();
    for (int c = 0; c < k; c++) {
      clustering.addToplevelCluster(new Cluster<Model>(members[c], ClusterModel.CLUSTER));
    }
    return clustering;
  }

  /** Fails unless {@code peer} equals {@code ours} within {@code tolerance} relative. */
  static void requireClose(String what, double ours, double peer, double tolerance) {
    if (!(Math.abs(ours - peer) <= tolerance * Math.abs(ours))) {
      throw new IllegalStateException(what + ": peer " + peer + ", clusterkit " + ours + " (relative difference "
          + Math.abs(ours - peer) / Math.abs(ours) + " > " + tolerance + ")");
    }
  }
}
