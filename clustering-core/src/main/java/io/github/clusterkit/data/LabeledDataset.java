package io.github.clusterkit.data;

/**
 * A {@link Dataset} with a ground-truth label per row, as produced by {@link Generators}: labels
 * {@code 0..k-1} for clusters, {@code -1} for noise. Immutable; {@link #labels()} returns a copy; safe to share
 * between threads.
 */
public final class LabeledDataset {

  private final Dataset data;
  private final int[] labels;

  /**
   * @param data the points
   * @param labels one label per row ({@code -1} = noise); copied
   * @throws IllegalArgumentException if the lengths differ or a label is below -1
   */
  public LabeledDataset(Dataset data, int[] labels) {
    if (data == null || labels == null) {
      throw new IllegalArgumentException("data and labels must not be null");
    }
    if (labels.length != data.size()) {
      throw new IllegalArgumentException(
          "labels must have one entry per row (" + data.size() + "), got " + labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < -1) {
        throw new IllegalArgumentException("labels must be >= -1, got " + labels[i] + " at row " + i);
      }
    }
    this.data = data;
    this.labels = labels.clone();
  }

  /** @return the points */
  public Dataset data() {
    return data;
  }

  /** @return a copy of the labels, {@code -1} for noise */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * @return the number of distinct non-noise labels (labels need not be consecutive: {@code {0, 7, 2000000000}}
   *     are three)
   */
  public int clusterCount() {
    return countClusters(labels);
  }

  /** @return e.g. {@code LabeledDataset[Dataset[1000 x 2, columns=[x0, x1]], clusters=3, noise=50]} */
  @Override
  public String toString() {
    int noise = 0;
    for (int l : labels) {
      if (l == -1) {
        noise++;
      }
    }
    return "LabeledDataset[" + data + ", clusters=" + clusterCount() + ", noise=" + noise + "]";
  }

  private static int countClusters(int[] labels) {
    // Sorted, not a table indexed by label: a label may be as large as Integer.MAX_VALUE.
    int[] sorted = labels.clone();
    java.util.Arrays.sort(sorted);
    int c = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] >= 0 && (i == 0 || sorted[i] != sorted[i - 1])) {
        c++;
      }
    }
    return c;
  }
}
