package io.github.clusterkit.eval;

/**
 * How {@link ClusterStability} resamples the rows, as fpc's {@code clusterboot(bootmethod, multipleboot,
 * subtuning)} (Hennig 2007, doi:10.1016/j.csda.2006.11.025, section 3). In every scheme the resample's rows are
 * clustered and each original cluster, restricted to the rows of the resample, is compared with the resample's
 * clusters on those rows.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum Resampling {
  /**
   * The nonparametric bootstrap with duplicates dropped: {@code n} draws with replacement, each drawn row kept once,
   * in the order of its first draw (about {@code 0.632 n} rows). clusterboot's default ({@code bootmethod = "boot",
   * multipleboot = FALSE}): Hennig (2007) drops copies because many methods treat a point drawn twice as a
   * tiny cluster of its own.
   */
  BOOTSTRAP,
  /**
   * The bootstrap keeping every draw: {@code n} rows, copies included, are clustered, and each copy counts as a
   * point in the Jaccard coefficients (clusterboot's {@code multipleboot = TRUE} with its default
   * {@code bscompare = TRUE}).
   */
  BOOTSTRAP_WITH_DUPLICATES,
  /**
   * Subsetting: {@link ClusterStability#subsetSize(int)} rows (default {@code floor(n / 2)}) drawn without
   * replacement, clusterboot's {@code bootmethod = "subset"} with {@code subtuning}.
   */
  SUBSET
}
