package io.github.clusterkit.eval;

import io.github.clusterkit.eval.internal.Dense;
import io.github.clusterkit.internal.PairwiseSum;

/**
 * The result of {@link Silhouette#evaluate}, {@link SimplifiedSilhouette#evaluate} and {@link MedoidSilhouette}'s
 * {@code evaluate}: the mean silhouette, the value of every scored row and the mean per cluster label (for the
 * medoid silhouette, the label of a row is the position of its nearest medoid, and every row is scored).
 * Immutable; every array returned is a copy; safe to share between threads.
 */
public final class SilhouetteResult {

  private final double score;
  private final double[] samples;
  private final int[] labels;
  private final double[] clusterScores;
  private final int[] clusterCounts;
  private final int scored;
  private final int noise;

  SilhouetteResult(double[] perRow, int[] inputLabels, int[] rows, int noise) {
    this.samples = perRow;
    this.noise = noise;
    this.scored = rows.length;
    double[] scoredValues = new double[rows.length];
    for (int q = 0; q < rows.length; q++) {
      scoredValues[q] = perRow[rows[q]];
    }
    this.score = PairwiseSum.sum(scoredValues, rows.length) / rows.length; // as numpy.mean
    int[] scoredLabels = new int[rows.length];
    for (int q = 0; q < rows.length; q++) {
      scoredLabels[q] = inputLabels[rows[q]];
    }
    int[] id = new int[rows.length];
    this.labels = Dense.encode(scoredLabels, id, false);
    this.clusterScores = new double[labels.length];
    this.clusterCounts = new int[labels.length];
    for (int q = 0; q < rows.length; q++) {
      clusterScores[id[q]] += perRow[rows[q]];
      clusterCounts[id[q]]++;
    }
    for (int c = 0; c < labels.length; c++) {
      clusterScores[c] /= clusterCounts[c];
    }
  }

  /** @return the mean silhouette over the scored rows, in {@code [-1, 1]} */
  public double score() {
    return score;
  }

  /**
   * @return one value per row of the data: its silhouette, or {@code NaN} for a row that was not scored
   *     (noise under {@link NoisePolicy#IGNORE}, or outside the sample)
   */
  public double[] samples() {
    return samples.clone();
  }

  /**
   * @return the distinct labels among the scored rows, ascending ({@code -1} appears when noise rows were
   *     scored, i.e. under {@link NoisePolicy#MERGE} or {@link NoisePolicy#SINGLETONS})
   */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the mean silhouette of the scored rows of each label, aligned with {@link #labels()} */
  public double[] clusterScores() {
    return clusterScores.clone();
  }

  /** @return the number of scored rows of each label, aligned with {@link #labels()} */
  public int[] clusterCounts() {
    return clusterCounts.clone();
  }

  /** @return the number of rows scored */
  public int scoredCount() {
    return scored;
  }

  /** @return the number of rows labelled {@code -1} in the input, whatever the policy */
  public int noiseCount() {
    return noise;
  }

  @Override
  public String toString() {
    return "SilhouetteResult[score=" + score + ", scored=" + scored + ", clusters=" + labels.length + "]";
  }
}
