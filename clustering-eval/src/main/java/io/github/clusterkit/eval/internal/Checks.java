package io.github.clusterkit.eval.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.NoisePolicy;

/** Argument checks shared by the indices. */
public final class Checks {

  private Checks() {}

  /**
   * @param data the data
   * @param labels its labels
   * @param policy the noise policy
   * @return the partition of {@code data}'s rows
   * @throws IllegalArgumentException if an argument is null, the lengths differ or a label is below -1
   */
  public static Partition partition(Dataset data, int[] labels, NoisePolicy policy) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (policy == null) {
      throw new IllegalArgumentException("noise policy must not be null");
    }
    Partition.checkLabels(labels, data.size());
    return Partition.of(labels, policy);
  }

  /**
   * @param parallelism the requested number of threads
   * @return {@code parallelism}
   * @throws IllegalArgumentException if it is below 1
   */
  public static int parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return parallelism;
  }
}
