package io.github.clusterkit.eval;

/**
 * How normalised and adjusted mutual information combine the two entropies {@code H(U)} and {@code H(V)}
 * into their normaliser (scikit-learn's {@code average_method}; Vinh, Epps and Bailey 2010, "Information
 * theoretic measures for clusterings comparison", JMLR 11:2837-2854).
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum EntropyMean {
  /** {@code min(H(U), H(V))}. */
  MIN,
  /** {@code sqrt(H(U) H(V))}. */
  GEOMETRIC,
  /** {@code (H(U) + H(V)) / 2}: scikit-learn's default since 0.22, and clusterkit's. */
  ARITHMETIC,
  /** {@code max(H(U), H(V))}. */
  MAX;

  double of(double hu, double hv) {
    switch (this) {
      case MIN:
        return Math.min(hu, hv);
      case GEOMETRIC:
        return Math.sqrt(hu * hv);
      case ARITHMETIC:
        return (hu + hv) / 2;
      case MAX:
        return Math.max(hu, hv);
      default:
        throw new AssertionError(this);
    }
  }
}
