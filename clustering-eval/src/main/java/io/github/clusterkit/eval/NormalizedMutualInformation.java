package io.github.clusterkit.eval;

/**
 * Entry point for normalised mutual information with the arithmetic mean of the entropies (Vinh, Epps and Bailey 2010,
 * JMLR 11:2837-2854, which has no DOI; normalised mutual information as a clustering measure goes back to Strehl and
 * Ghosh 2002, doi:10.1162/153244303321897735, who normalised by the geometric mean): a shortcut for {@code
 * ContingencyTable.of(truth, predicted).normalizedMutualInformation()}, where the definition, special cases and
 * scikit-learn correspondence are documented. Symmetric in its two arguments and invariant under renaming of labels.
 * Stateless and thread-safe (it runs on the calling thread); arguments are never modified.
 */
public final class NormalizedMutualInformation {

  private NormalizedMutualInformation() {}

  /**
   * @param truth the reference labels (any {@code int} values; {@code -1} is an ordinary label)
   * @param predicted the labels to compare
   * @return the measure; see {@link ContingencyTable#normalizedMutualInformation()}
   * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
   */
  public static double score(int[] truth, int[] predicted) {
    return ContingencyTable.of(truth, predicted).normalizedMutualInformation();
  }

  /**
   * @param truth the reference labels (any {@code int} values; {@code -1} is an ordinary label)
   * @param predicted the labels to compare
   * @param mean how the two entropies are combined
   * @return the measure; see {@link ContingencyTable#normalizedMutualInformation(EntropyMean)}
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or {@code mean} is
   *     null
   */
  public static double score(int[] truth, int[] predicted, EntropyMean mean) {
    return ContingencyTable.of(truth, predicted).normalizedMutualInformation(mean);
  }
}
