package io.github.clusterkit.eval;

/**
 * Entry point for the adjusted Rand index (Hubert and Arabie 1985, doi:10.1007/BF01908075): a shortcut for {@code
 * ContingencyTable.of(truth, predicted).adjustedRandIndex()}, where the definition, special cases and scikit-learn
 * correspondence are documented. Symmetric in its two arguments and invariant under renaming of labels. Stateless and
 * thread-safe (it runs on the calling thread); arguments are never modified.
 */
public final class AdjustedRandIndex {

  private AdjustedRandIndex() {}

  /**
   * @param truth the reference labels (any {@code int} values; {@code -1} is an ordinary label)
   * @param predicted the labels to compare
   * @return the measure; see {@link ContingencyTable#adjustedRandIndex()}
   * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
   */
  public static double score(int[] truth, int[] predicted) {
    return ContingencyTable.of(truth, predicted).adjustedRandIndex();
  }
}
