package io.github.clusterkit.eval;

import java.util.Locale;

/**
 * The result of {@link ClusterStability}: the original clustering's labels and, for each of its clusters, the Jaccard
 * coefficient of its best match in every resample, their mean (the cluster's stability, clusterboot's
 * {@code bootmean}), and the number of resamples that dissolved it ({@code <= dissolution}, {@code bootbrd}) and that
 * recovered it ({@code > recovery}, {@code bootrecover}). Clusters are the labels {@code 0..clusterCount()-1} of
 * {@link #labels()}. Immutable; arrays returned are copies; safe to share between threads.
 */
public final class StabilityResult {

  private final int[] labels;
  private final double[][] jaccard; // [cluster][resample]
  private final double[] mean;
  private final int[] dissolved;
  private final int[] recovered;
  private final double dissolution;
  private final double recovery;
  private final Resampling resampling;

  StabilityResult(int[] labels, double[][] jaccard, double dissolution, double recovery, Resampling resampling) {
    this.labels = labels;
    this.jaccard = jaccard;
    this.dissolution = dissolution;
    this.recovery = recovery;
    this.resampling = resampling;
    int k = jaccard.length;
    this.mean = new double[k];
    this.dissolved = new int[k];
    this.recovered = new int[k];
    for (int j = 0; j < k; j++) {
      double sum = 0;
      for (double g : jaccard[j]) {
        sum += g;
        if (g <= dissolution) {
          dissolved[j]++;
        }
        if (g > recovery) {
          recovered[j]++;
        }
      }
      mean[j] = sum / jaccard[j].length;
    }
  }

  /** @return the labels of the clustering of the data, {@code -1} for noise */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of clusters, one more than the largest label */
  public int clusterCount() {
    return jaccard.length;
  }

  /** @return the number of resamples {@code B} */
  public int resamples() {
    return jaccard[0].length;
  }

  /** @return the resampling scheme */
  public Resampling resampling() {
    return resampling;
  }

  /** @return the number of rows of each cluster in the data */
  public int[] sizes() {
    int[] s = new int[jaccard.length];
    for (int l : labels) {
      if (l >= 0) {
        s[l]++;
      }
    }
    return s;
  }

  /** @return each cluster's mean Jaccard coefficient over the resamples, in {@code [0, 1]} */
  public double[] meanJaccard() {
    return mean.clone();
  }

  /**
   * @param cluster a cluster, {@code 0 <= cluster < clusterCount()}
   * @return its Jaccard coefficient in every resample, in resample order, each in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code cluster} is out of range
   */
  public double[] jaccards(int cluster) {
    if (cluster < 0 || cluster >= jaccard.length) {
      throw new IllegalArgumentException("cluster must be in [0, " + jaccard.length + "), got " + cluster);
    }
    return jaccard[cluster].clone();
  }

  /** @return per cluster, the resamples whose Jaccard coefficient is {@code <= dissolution()} */
  public int[] dissolved() {
    return dissolved.clone();
  }

  /** @return per cluster, the resamples whose Jaccard coefficient is {@code > recovery()} */
  public int[] recovered() {
    return recovered.clone();
  }

  /** @return the dissolution threshold */
  public double dissolution() {
    return dissolution;
  }

  /** @return the recovery threshold */
  public double recovery() {
    return recovery;
  }

  /**
   * @return the table as text, one line per cluster: size, mean Jaccard, dissolved, recovered, and Hennig's reading
   *     of the mean (below 0.6 "unstable", from 0.6 "pattern, uncertain members", from 0.75 "stable", from 0.85
   *     "highly stable")
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder("cluster\tsize\tmeanJaccard\tdissolved\trecovered\treading\n");
    int[] sizes = sizes();
    for (int j = 0; j < mean.length; j++) {
      double m = mean[j];
      String reading = m >= 0.85 ? "highly stable" : m >= 0.75 ? "stable" : m >= 0.6 ? "pattern, uncertain members"
          : "unstable";
      sb.append(j).append('\t').append(sizes[j]).append('\t').append(String.format(Locale.ROOT, "%.4f", m))
          .append('\t').append(dissolved[j]).append('\t').append(recovered[j]).append('\t').append(reading)
          .append('\n');
    }
    sb.append("B = ").append(resamples()).append(", ").append(resampling).append(", dissolved: Jaccard <= ")
        .append(dissolution).append(", recovered: Jaccard > ").append(recovery);
    return sb.toString();
  }

  @Override
  public String toString() {
    return "StabilityResult[clusters=" + jaccard.length + ", B=" + resamples() + ", " + resampling + "]";
  }
}
