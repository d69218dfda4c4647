package io.github.clusterkit.eval;

/**
 * Entry point for adjusted mutual information with the arithmetic mean of the entropies (Vinh, Epps and Bailey 2010,
 * JMLR 11:2837-2854, which has no DOI; the adjustment first appeared in their ICML 2009 paper,
 * doi:10.1145/1553374.1553511): a shortcut for {@code ContingencyTable.of(truth,
 * predicted).adjustedMutualInformation()}, where the definition, special cases and scikit-learn correspondence are
 * documented. Symmetric in its two arguments and invariant under renaming of labels. Stateless and thread-safe (it runs
 * on the calling thread); arguments are never modified.
 */
public final class AdjustedMutualInformation {

  private AdjustedMutualInformation() {}

  /**
   * @param truth the reference labels (any {@code int} values; {@code -1} is an ordinary label)
   * @param predicted the labels to compare
   * @return the measure; see {@link ContingencyTable#adjustedMutualInformation()}
   * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
   */
  public static double score(int[] truth, int[] predicted) {
    return ContingencyTable.of(truth, predicted).adjustedMutualInformation();
  }

  /**
   * @param truth the reference labels (any {@code int} values; {@code -1} is an ordinary label)
   * @param predicted the labels to compare
   * @param mean how the two entropies are combined
   * @return the measure; see {@link ContingencyTable#adjustedMutualInformation(EntropyMean)}
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or {@code mean} is
   *     null
   */
  public static double score(int[] truth, int[] predicted, EntropyMean mean) {
    return ContingencyTable.of(truth, predicted).adjustedMutualInformation(mean);
  }
}
