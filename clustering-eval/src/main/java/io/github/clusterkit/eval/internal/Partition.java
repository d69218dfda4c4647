package io.github.clusterkit.eval.internal;

import io.github.clusterkit.eval.NoisePolicy;

/**
 * A labelling turned into dense cluster ids {@code 0..k-1} after a {@link NoisePolicy} has been applied.
 * Cluster ids follow the ascending order of the original labels (as scikit-learn's {@code LabelEncoder});
 * under {@link NoisePolicy#MERGE} the noise cluster comes first (its label {@code -1} is the smallest), under
 * {@link NoisePolicy#SINGLETONS} the noise points follow the labelled clusters, one cluster each, in row
 * order. Immutable after construction; arrays are exposed for speed and must not be modified.
 */
public final class Partition {

  /** Cluster id per row, {@code -1} for a row left out (noise under {@link NoisePolicy#IGNORE}). */
  public final int[] cluster;
  /** Number of clusters. */
  public final int k;
  /** Size per cluster id. */
  public final int[] sizes;
  /** Number of rows kept (the sum of {@link #sizes}). */
  public final int kept;
  /** Number of rows labelled {@code -1}. */
  public final int noise;

  private Partition(int[] cluster, int k, int[] sizes, int kept, int noise) {
    this.cluster = cluster;
    this.k = k;
    this.sizes = sizes;
    this.kept = kept;
    this.noise = noise;
  }

  /**
   * Checks that {@code labels} has one entry per row and no entry below {@code -1}.
   *
   * @param labels the labels
   * @param n the number of rows
   * @throws IllegalArgumentException if not
   */
  public static void checkLabels(int[] labels, int n) {
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have one entry per row of data (" + n + "), got " + labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < -1) {
        throw new IllegalArgumentException(
            "labels must be >= -1 (-1 = noise), got " + labels[i] + " at row " + i);
      }
    }
  }

  /**
   * Builds the partition; {@code labels} must have passed {@link #checkLabels(int[], int)}.
   *
   * @param labels one label per row, {@code -1} = noise
   * @param policy how noise rows are treated
   * @return the partition
   */
  public static Partition of(int[] labels, NoisePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("noise policy must not be null");
    }
    int n = labels.length;
    int[] dense = new int[n];
    int kLabels = Dense.encode(labels, dense, true).length; // dense[i] = -1 for noise
    int noise = 0;
    for (int i = 0; i < n; i++) {
      if (dense[i] < 0) {
        noise++;
      }
    }
    int k;
    switch (policy) {
      case IGNORE:
        k = kLabels;
        break;
      case MERGE:
        if (noise == 0) {
          k = kLabels;
        } else {
          k = kLabels + 1;
          for (int i = 0; i < n; i++) {
            dense[i] = dense[i] + 1; // noise (-1) becomes 0
          }
        }
        break;
      case SINGLETONS:
        k = kLabels + noise;
        int next = kLabels;
        for (int i = 0; i < n; i++) {
          if (dense[i] < 0) {
            dense[i] = next++;
          }
        }
        break;
      default:
        throw new AssertionError(policy);
    }
    int[] sizes = new int[k];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int c = dense[i];
      if (c >= 0) {
        sizes[c]++;
        kept++;
      }
    }
    return new Partition(dense, k, sizes, kept, noise);
  }

  /**
   * @param what the index name for the message
   * @param policy the policy, for the message
   * @throws IllegalArgumentException if fewer than two clusters remain
   */
  public void requireTwoClusters(String what, NoisePolicy policy) {
    if (kept == 0) {
      throw new IllegalArgumentException(
          what + " needs at least 2 clusters, got none: every row is noise (label -1) and the noise policy is "
              + policy);
    }
    if (k < 2) {
      throw new IllegalArgumentException(what + " needs at least 2 clusters, got " + k
          + " (noise policy " + policy + ", " + noise + " noise rows)");
    }
  }
}
